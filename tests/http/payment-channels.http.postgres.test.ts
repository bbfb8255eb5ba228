import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderingModuleOptions } from '../../adapters/container/ordering.js';
import { fakePaymentChannel, type FakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { mikroOrmPersistence, type MikroOrmPersistence, type MikroOrmPersistenceOptions } from '../../adapters/persistence/mikro-orm/index.js';
import { populateCheckoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { fakePayments, startTestServer, type TestServer } from '../support/http.js';
import { at } from '../support/mothers.js';
import { fileDatabase, testDatabase } from '../support/postgres.js';

/**
 * Issue #12 finding 1 and the fake-channel items of finding 12, over HTTP on PostgreSQL (PGlite, or the
 * server named by DATABASE_URL): a payment moves to paid only through a configured channel's verified
 * callback, or through the fake channel's page on a server that asked for it by name; replays record
 * nothing. Rows are counted in the database.
 */

const consignee = { name: '张三', phone: '13800000000', district: '330106', address: '文三路 1 号' };
const now = at(10);
const clock = { now: () => now };
const db = fileDatabase();

/** The three ways a server is configured: as `serve` in production mode, as an app embedding the fake channel without its page, as `serve` in demo mode. */
type Setup = 'production' | 'embedded-fake' | 'demo';

const servers: TestServer[] = [];
const SETUPS: Record<Setup, () => { ordering?: OrderingModuleOptions; fakePaymentPage?: boolean }> = {
  production: () => ({}),
  'embedded-fake': () => ({ ordering: { channels: [fakePaymentChannel()] } }),
  demo: fakePayments,
};
async function serverOn(persistence: MikroOrmPersistence, setup: Setup): Promise<TestServer> {
  const s = await startTestServer(persistence, { clock, ...SETUPS[setup]() });
  servers.push(s);
  return s;
}
afterAll(async () => {
  for (const s of servers) await s.close();
});

const token = (s: TestServer) => s.token({ subject: 'm1', kind: 'member', roles: [] });
const place = async (s: TestServer, w: CheckoutWorld) =>
  (await s.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.a1, quantity: 1 }, coupons: 'none' })).orderId;
const pay = (s: TestServer, orderId: string) => s.request('POST', '/me/payments', { token: token(s), body: { orderIds: [orderId], channel: 'fake' } });
const complete = (s: TestServer, number: string) => s.request('POST', `/payments/fake/${number}/complete`, {});
const orderStatus = async (s: TestServer, orderId: string) => (await s.request('GET', `/me/orders/${orderId}`, { token: token(s) })).body.status;
const fakeOf = (s: TestServer) => s.zt.payments.channels.get('fake') as FakePaymentChannel;

/** What a payment moving writes: channel transactions, late-refund jobs, and every payment's and order's status and version. */
async function footprint(sql: (text: string) => Promise<unknown>): Promise<Record<string, unknown>> {
  const [row] = (await sql(`select
    (select count(*) from payment_channel_transaction)::int as transactions,
    (select count(*) from job where kind = 'payment.refund-late')::int as "lateRefunds",
    (select count(*) from job)::int as jobs,
    (select coalesce(json_agg(json_build_array(id, status, version) order by id), '[]') from payment) as payments,
    (select coalesce(json_agg(json_build_array(id, status, version) order by id), '[]') from sales_order) as orders`)) as Record<string, unknown>[];
  return row!;
}

describe('payment channels are explicit (issue #12 finding 1)', () => {
  let p: MikroOrmPersistence;
  let demo: TestServer;
  let w: CheckoutWorld;
  beforeAll(async () => {
    p = await db.ready;
    demo = await serverOn(p, 'demo');
    w = await populateCheckoutWorld(demo.zt, now);
  }, 120_000);

  it('production (no channel configured): paying answers 422 PAYMENT.NO_CHANNEL_CONFIGURED, the fake page is the router 404, a fake callback moves nothing', async () => {
    const prod = await serverOn(p, 'production');
    const orderId = await place(prod, w);
    const refused = await pay(prod, orderId);
    expect([refused.status, refused.body.code]).toEqual([422, 'PAYMENT.NO_CHANNEL_CONFIGURED']);
    expect(refused.body.detail).toMatch(/no payment channel is configured/);
    // A payment opened where the fake channel is taken: the production server neither completes it nor takes its callback.
    const opened = await pay(demo, orderId);
    expect(opened.status).toBe(201);
    const before = await footprint(db.sql);
    const page = await complete(prod, opened.body.number);
    expect([page.status, page.body.code]).toEqual([404, 'HTTP.NOT_FOUND']);
    const callback = await prod.request('POST', '/payments/callbacks/fake', { body: fakeOf(demo).callbackFor(opened.body.number) });
    expect([callback.status, callback.body.code]).toEqual([422, 'PAYMENT.NO_CHANNEL_CONFIGURED']);
    expect(await footprint(db.sql)).toEqual(before);
    expect(await orderStatus(prod, orderId)).toBe('pending_payment');
  });

  it('the fake channel taken without its page (an embedding app that did not ask for the page): the page is the router 404 and the order stays unpaid', async () => {
    const embedded = await serverOn(p, 'embedded-fake');
    const orderId = await place(embedded, w);
    const opened = await pay(embedded, orderId);
    expect(opened.status).toBe(201);
    const before = await footprint(db.sql);
    const page = await complete(embedded, opened.body.number);
    expect([page.status, page.body.code]).toEqual([404, 'HTTP.NOT_FOUND']);
    expect(await footprint(db.sql)).toEqual(before);
    expect(await orderStatus(embedded, orderId)).toBe('pending_payment');
    expect((await embedded.request('GET', '/openapi.json')).body.paths).not.toHaveProperty('/payments/fake/{paymentNumber}/complete');
  });

  it('PAY-1: a callback with a wrong signature is 401, one for a channel the shop does not take 422; neither moves anything', async () => {
    const orderId = await place(demo, w);
    const opened = await pay(demo, orderId);
    const genuine = fakeOf(demo).callbackFor(opened.body.number);
    const before = await footprint(db.sql);
    const forged = await demo.request('POST', '/payments/callbacks/fake', { body: { ...genuine, signature: 'ab'.repeat(32) } });
    expect([forged.status, forged.body.code]).toEqual([401, 'PAYMENT.INVALID_SIGNATURE']);
    const unsigned = await demo.request('POST', '/payments/callbacks/fake', { body: { ...genuine, signature: undefined } });
    expect([unsigned.status, unsigned.body.code]).toEqual([422, 'PAYMENT.INVALID_CALLBACK']);
    const elsewhere = await demo.request('POST', '/payments/callbacks/alipay', { body: genuine });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'PAYMENT.UNKNOWN_CHANNEL']);
    expect(await footprint(db.sql)).toEqual(before);
    expect(await orderStatus(demo, orderId)).toBe('pending_payment');
  });

  it('completing a fake payment is idempotent: paid once, then 300 more completions answer alike, record no channel transaction and schedule no refund', async () => {
    const orderId = await place(demo, w);
    const opened = await pay(demo, orderId);
    const first = await complete(demo, opened.body.number);
    expect([first.status, first.body.outcome, first.body.replayed]).toEqual([200, 'paid', false]);
    expect(await orderStatus(demo, orderId)).toBe('pending_shipment');
    const before = await footprint(db.sql);
    for (let i = 0; i < 300; i++) {
      const again = await complete(demo, opened.body.number);
      expect([again.status, again.body]).toEqual([200, { ...first.body, replayed: true }]);
    }
    expect(await footprint(db.sql)).toEqual(before);
    const [rows] = (await db.sql(`select count(*)::int as n from payment_channel_transaction where payment_id = '${opened.body.paymentId}'`)) as {
      n: number;
    }[];
    expect(rows!.n).toBe(1);
    expect(await footprint(db.sql)).toMatchObject({ lateRefunds: 0 });
  }, 120_000);

  it('PAY-1: a genuine callback repeated on the callback route is answered like the first and records nothing', async () => {
    const orderId = await place(demo, w);
    const opened = await pay(demo, orderId);
    const body = fakeOf(demo).callbackFor(opened.body.number, { transactionId: 'CHANNEL-TX-1' });
    const first = await demo.request('POST', '/payments/callbacks/fake', { body });
    expect([first.status, first.body.outcome, first.body.replayed]).toEqual([200, 'paid', false]);
    const before = await footprint(db.sql);
    for (let i = 0; i < 5; i++) {
      const again = await demo.request('POST', '/payments/callbacks/fake', { body });
      expect([again.status, again.body]).toEqual([200, { ...first.body, replayed: true }]);
    }
    expect(await footprint(db.sql)).toEqual(before);
  });

  it('paying an order already paid answers 409 PAYMENT.ORDER_ALREADY_PAID naming the order and its payment, and writes nothing', async () => {
    const orderId = await place(demo, w);
    const opened = await pay(demo, orderId);
    await complete(demo, opened.body.number);
    const before = await footprint(db.sql);
    const again = await pay(demo, orderId);
    expect([again.status, again.body.code, again.body.details]).toEqual([409, 'PAYMENT.ORDER_ALREADY_PAID', { orderId, paymentId: opened.body.paymentId }]);
    expect(await footprint(db.sql)).toEqual(before);
  });
});

describe('the fake page across a restart (issue #12 finding 12)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'zhongtai-restart-'));
  let drop = async () => {};
  afterAll(async () => {
    await drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a payment opened before a restart is completed after it: the fake channel reads the payment from the database, not from its memory', async () => {
    // The same database, opened twice in turn: a folder of the embedded database, or a database on the server.
    let options: MikroOrmPersistenceOptions = { dataDir: join(folder, 'data'), readCacheTtlMs: 0 };
    if (process.env.DATABASE_URL) {
      const server = await testDatabase();
      options = server.options;
      drop = () => server.drop();
    }
    const first = await mikroOrmPersistence(options);
    const before = await serverOn(first, 'demo');
    const w = await populateCheckoutWorld(before.zt, now);
    const orderId = await place(before, w);
    const opened = await pay(before, orderId);
    expect(opened.status).toBe(201);
    await before.close();
    await before.zt.close();

    const second = await mikroOrmPersistence(options);
    try {
      const after = await serverOn(second, 'demo');
      const completed = await complete(after, opened.body.number);
      expect([completed.status, completed.body.outcome, completed.body.replayed]).toEqual([200, 'paid', false]);
      expect(await orderStatus(after, orderId)).toBe('pending_shipment');
    } finally {
      await second.close();
    }
  }, 120_000);
});
