import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import type { FakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { checkoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';

// Real concurrency needs the real server (DATABASE_URL); on PGlite transactions are serialised, so the
// same tests prove only the bookkeeping there.
const onServer = Boolean(process.env.DATABASE_URL);
const XIHU = '330106';
const consignee = { name: '张三', phone: '13800000000', district: XIHU, address: '文三路 1 号' };

describe(`placing and paying orders on PostgreSQL (${onServer ? 'server' : 'PGlite'})`, () => {
  let db: TestDatabase;
  let p: MikroOrmPersistence;
  let w: CheckoutWorld;
  beforeAll(async () => {
    db = await testDatabase();
    p = await mikroOrmPersistence({ ...db.options, ...(onServer ? { poolSize: 24 } : {}) });
    w = await checkoutWorld({ persistence: p });
  }, 120_000);
  afterAll(async () => {
    await p?.close();
    await db?.drop();
  });
  const count = async (sql: string) => Number(((await p.orm.em.fork().execute(sql)) as { n: string }[])[0]!.n);

  it('eight concurrent requests under one idempotency key place one order and all answer it', async () => {
    const before = await count('select count(*) as n from sales_order');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        w.zt.orders.place({ memberId: 'm2', buyNow: { skuId: w.skus.b1, quantity: 1 }, consignee, coupons: 'none', idempotencyKey: 'same-key' }),
      ),
    );
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await count('select count(*) as n from sales_order')).toBe(before + 1);
    expect(await count(`select count(*) as n from stock_movement where kind = 'lock' and reference like '${results[0]!.orderId}:%'`)).toBe(1);
  });

  it('a failing step rolls everything back: a coupon locked by another order leaves no order, no lock, no job', async () => {
    const placed = await w.zt.orders.place({ memberId: 'm1', buyNow: { skuId: w.skus.p1, quantity: 2 }, consignee, coupons: [w.coupons.platform] });
    const orders = await count('select count(*) as n from sales_order');
    const jobs = await count('select count(*) as n from job');
    const stock = await w.zt.inventory.viewStock({ skuId: w.skus.p1 });
    // The platform coupon is locked by the first order: choosing it again is refused, and nothing is written.
    await expect(
      w.zt.orders.place({ memberId: 'm1', buyNow: { skuId: w.skus.p1, quantity: 2 }, consignee, coupons: [w.coupons.platform] }),
    ).rejects.toMatchObject({ code: 'CHECKOUT.COUPON_NOT_USABLE' });
    expect(await count('select count(*) as n from sales_order')).toBe(orders);
    expect(await count('select count(*) as n from job')).toBe(jobs);
    expect((await w.zt.inventory.viewStock({ skuId: w.skus.p1 })).locked).toBe(stock.locked);
    await w.zt.orders.cancel({ memberId: 'm1', orderId: placed.orderId });
  });

  it('pays a split order with one combined payment; a duplicate callback changes nothing', async () => {
    await w.zt.cart.add({ owner: { kind: 'member', id: 'm1' }, skuId: w.skus.a1, quantity: 1 });
    await w.zt.cart.add({ owner: { kind: 'member', id: 'm1' }, skuId: w.skus.b1, quantity: 1 });
    const placed = await w.zt.orders.place({ memberId: 'm1', consignee, coupons: 'none' });
    expect(placed.children).toHaveLength(2);
    const payment = await w.zt.payments.pay({ memberId: 'm1', orderIds: [placed.orderId], channel: 'fake' });
    const fake = w.zt.payments.channels.get('fake') as FakePaymentChannel;
    const body = fake.callbackFor(payment.number!);
    expect(await w.zt.payments.handleCallback({ channel: 'fake', body })).toMatchObject({ outcome: 'paid', replayed: false });
    const versions = await p.orm.em
      .fork()
      .execute(`select id, version from sales_order where id in ('${placed.children.map((c) => c.orderId).join("','")}') order by id`);
    expect(await w.zt.payments.handleCallback({ channel: 'fake', body })).toMatchObject({ outcome: 'paid', replayed: true });
    expect(
      await p.orm.em.fork().execute(`select id, version from sales_order where id in ('${placed.children.map((c) => c.orderId).join("','")}') order by id`),
    ).toEqual(versions);
    const parent = await w.zt.orderQueries.get({ memberId: 'm1', orderId: placed.orderId });
    expect(parent.status).toBe('pending_shipment');
    expect(await w.zt.inventory.checkStockConsistency({})).toEqual([]);
  });
});
