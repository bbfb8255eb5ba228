import { beforeEach, describe, expect, it } from 'vitest';
import { FakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { BlacklistRiskControl } from '../../adapters/system/risk/blacklist-risk-control.js';
import { COUPON_STORE } from '../../application/coupon/store.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { CART_STORE } from '../../application/cart/store.js';
import { cartIdOf } from '../../domain/cart/cart.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import { inTx } from '../adapters/contract/support.js';
import { checkoutWorld, fillCart, type CheckoutWorld } from '../support/checkout-world.js';
import { at } from '../support/mothers.js';
import { fileDatabase } from '../support/postgres.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';
import { PAYMENT_STORE } from '../../application/payment/store.js';

/**
 * Bad input to orders and payments (issue #6 acceptance): every refusal has its clear code and writes
 * nothing — no order, payment, stock movement, coupon or cart change (their versions and counters are
 * compared before and after). The callback cases run on memory and on PostgreSQL (PGlite, or the
 * server named by DATABASE_URL); the concurrency cases on PostgreSQL, where they race for real on a
 * server (PGlite serialises transactions, so there they prove the bookkeeping only).
 */

const XIHU = '330106';
const consignee = { name: '张三', phone: '13800000000', district: XIHU, address: '文三路 1 号' };
const db = fileDatabase({ poolSize: 24 });
const onServer = Boolean(process.env.DATABASE_URL);

/** The code of a DomainError the call rejects with (fails the test when it succeeds or throws something else). */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a rejection');
}

/**
 * Everything a refused command must leave alone: the orders and their payments (status, version),
 * every SKU's stock counters and ledger length, the members' coupons and carts, the channel's refunds,
 * and the number of orders each member has.
 */
async function footprint(w: CheckoutWorld, orderIds: readonly string[] = []): Promise<unknown> {
  const stock: Record<string, unknown> = {};
  for (const [name, skuId] of Object.entries(w.skus)) {
    const s = await w.zt.inventory.viewStock({ skuId });
    stock[name] = { total: s.total, locked: s.locked, sold: s.sold, movements: s.movements.length };
  }
  const fake = w.zt.payments.channels.get('fake') as FakePaymentChannel;
  const orders: Record<string, number> = {};
  for (const memberId of ['m1', 'm2']) orders[memberId] = (await w.zt.orderQueries.search({ memberId })).total;
  const stored = await inTx(w.zt.persistence, async (tx) => {
    const out: Record<string, unknown> = {};
    for (const id of orderIds) {
      const o = await tx.use(ORDERING_STORE).orders.get(id);
      out[`order:${id}`] = o && [o.status, o.version];
      out[`payments:${id}`] = (await tx.use(PAYMENT_STORE).payments.ofOrder(id)).map((p) => [p.id, p.status, p.version]);
    }
    for (const [name, id] of Object.entries(w.coupons)) {
      const c = (await tx.use(COUPON_STORE).ownedCoupons.get(id))!.toSnapshot();
      out[`coupon:${name}`] = [c.state, c.orderId, c.version];
    }
    for (const memberId of ['m1', 'm2']) {
      const cart = await tx.use(CART_STORE).carts.get(cartIdOf({ kind: 'member', id: memberId }));
      out[`cart:${memberId}`] = cart && [cart.lines.map((l) => [l.skuId, l.quantity]), cart.toSnapshot().version];
    }
    return out;
  });
  return { stock, orders, stored, refunds: [...fake.refunds.keys()] };
}

/** A world on memory or on the test database, with a clock the test moves. */
async function worldOn(persistence: () => Promise<Persistence | undefined>, clock: { current: Date }): Promise<CheckoutWorld> {
  const p = await persistence();
  return checkoutWorld({ ...(p ? { persistence: p } : {}), clock: { now: () => clock.current } });
}

const backends: readonly { name: string; persistence: () => Promise<Persistence | undefined> }[] = [
  { name: 'memory', persistence: async () => undefined },
  { name: db.name, persistence: () => db.fresh() },
];

describe.each(backends)('PAY-1: callbacks that are not what the channel would send — $name', ({ persistence }) => {
  let w: CheckoutWorld;
  let fake: FakePaymentChannel;
  let orderId: string;
  let payment: { paymentId: string; number: string; amount: string | null };
  beforeEach(async () => {
    w = await worldOn(persistence, { current: at(10) });
    fake = w.zt.payments.channels.get('fake') as FakePaymentChannel;
    fake.behaviour = 'never';
    orderId = (await w.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.a1, quantity: 2 } })).orderId;
    const opened = await w.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'fake' });
    payment = { paymentId: opened.paymentId!, number: opened.number!, amount: opened.amount };
  });

  it('PAYMENT.AMOUNT_MISMATCH for a callback of another amount: nothing written, and the right one still pays', async () => {
    const before = await footprint(w, [orderId]);
    const paid = Money.of(payment.amount!);
    for (const amount of [paid.subtract(Money.of('0.01')).toString(), paid.add(Money.of('0.01')).toString(), '0.01']) {
      const body = fake.callbackFor(payment.number!, { transactionId: 'T-1', amount });
      expect(await codeOf(w.zt.payments.handleCallback({ channel: 'fake', body }))).toBe('PAYMENT.AMOUNT_MISMATCH');
    }
    await w.zt.jobs.runUntilIdle();
    expect(await footprint(w, [orderId])).toEqual(before);
    // The refused callback recorded nothing, not even its transaction id: the right amount under it pays.
    const result = await w.zt.payments.handleCallback({ channel: 'fake', body: fake.callbackFor(payment.number!, { transactionId: 'T-1' }) });
    expect(result).toMatchObject({ outcome: 'paid', replayed: false });
    expect((await w.zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_shipment');
  });

  it('PAYMENT.INVALID_SIGNATURE for a tampered body or another secret: nothing written', async () => {
    const before = await footprint(w, [orderId]);
    const genuine = fake.callbackFor(payment.number!, { transactionId: 'T-2' });
    const forged = [
      { ...genuine, amount: Money.of(genuine.amount).add(Money.of('1.00')).toString() },
      { ...genuine, transactionId: 'T-3' },
      { ...genuine, paymentNumber: `${genuine.paymentNumber}X` },
      { ...genuine, signature: genuine.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
      new FakePaymentChannel({ secret: 'not the shop secret' }).callbackFor(payment.number!, { transactionId: 'T-4', amount: payment.amount! }),
    ];
    for (const body of forged) expect(await codeOf(w.zt.payments.handleCallback({ channel: 'fake', body }))).toBe('PAYMENT.INVALID_SIGNATURE');
    expect(await codeOf(w.zt.payments.handleCallback({ channel: 'fake', body: { ...genuine, signature: undefined } }))).toBe('PAYMENT.INVALID_CALLBACK');
    await w.zt.jobs.runUntilIdle();
    expect(await footprint(w, [orderId])).toEqual(before);
    expect((await w.zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_payment');
  });

  it('PAYMENT.NOT_FOUND for a well-signed callback of a payment nobody opened: nothing written', async () => {
    const before = await footprint(w, [orderId]);
    const body = fake.callbackFor('P-NOBODY', { transactionId: 'T-5', amount: payment.amount! });
    expect(await codeOf(w.zt.payments.handleCallback({ channel: 'fake', body }))).toBe('PAYMENT.NOT_FOUND');
    expect(await footprint(w, [orderId])).toEqual(before);
  });
});

describe('bad input to orders — memory', () => {
  let clock: { current: Date };
  let w: CheckoutWorld;
  let fake: FakePaymentChannel;
  beforeEach(async () => {
    clock = { current: at(10) };
    w = await worldOn(async () => undefined, clock);
    fake = w.zt.payments.channels.get('fake') as FakePaymentChannel;
    fake.behaviour = 'never';
  });

  const place = (memberId = 'm1') => w.zt.orders.place({ memberId, consignee, buyNow: { skuId: w.skus.a1, quantity: 2 } });
  const payNow = async (memberId: string, orderId: string) => {
    const p = await w.zt.payments.pay({ memberId, orderIds: [orderId], channel: 'fake' });
    await w.zt.payments.handleCallback({ channel: 'fake', body: fake.callbackFor(p.number!) });
  };

  it('ORDER.INVALID_TRANSITION for paying a cancelled order: no payment opened, nothing written', async () => {
    const { orderId } = await place();
    await w.zt.orders.cancel({ memberId: 'm1', orderId });
    const before = await footprint(w, [orderId]);
    expect(await codeOf(w.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'fake' }))).toBe('ORDER.INVALID_TRANSITION');
    expect(fake.charges.size).toBe(0);
    expect(await footprint(w, [orderId])).toEqual(before);
  });

  it('PAYMENT.ORDER_ALREADY_PAID for paying an order another payment paid meanwhile, though its own payment is still open', async () => {
    const a = (await place()).orderId;
    const b = (await place()).orderId;
    const own = await w.zt.payments.pay({ memberId: 'm1', orderIds: [a], channel: 'fake' });
    const combined = await w.zt.payments.pay({ memberId: 'm1', orderIds: [a, b], channel: 'fake' });
    await w.zt.payments.handleCallback({ channel: 'fake', body: fake.callbackFor(combined.number!) });
    const before = await footprint(w, [a, b]);
    // Found by the model: the open payment of `a` was answered again ("reused") for an order already paid.
    expect(await codeOf(w.zt.payments.pay({ memberId: 'm1', orderIds: [a], channel: 'fake' }))).toBe('PAYMENT.ORDER_ALREADY_PAID');
    expect(await footprint(w, [a, b])).toEqual(before);
    // Should the member still pay the forgotten payment at the channel, that success is late and refunded (PAY-1).
    expect(await w.zt.payments.handleCallback({ channel: 'fake', body: fake.callbackFor(own.number!) })).toMatchObject({ outcome: 'late', replayed: false });
    await w.zt.jobs.runUntilIdle();
    expect([...fake.refunds.values()].map((r) => r.amount.toString())).toEqual([own.amount]);
    expect((await w.zt.orderQueries.get({ memberId: 'm1', orderId: a })).status).toBe('pending_shipment');
  });

  it('ORDER.INVALID_TRANSITION for paying an order that timed out (ORD-3), cancelling a shipped one, shipping an unpaid one', async () => {
    const expired = (await place()).orderId;
    clock.current = new Date(clock.current.getTime() + 30 * 60_000);
    await w.zt.jobs.runUntilIdle();
    expect((await w.zt.orderQueries.get({ memberId: 'm1', orderId: expired })).status).toBe('cancelled');
    const unpaid = (await place()).orderId;
    const shipped = (await place()).orderId;
    await payNow('m1', shipped);
    await w.zt.fulfilment.ship({ orderId: shipped, carrier: 'SF', trackingNumber: 'SF1' });
    const ids = [expired, unpaid, shipped];
    const before = await footprint(w, ids);
    expect(await codeOf(w.zt.payments.pay({ memberId: 'm1', orderIds: [expired], channel: 'fake' }))).toBe('ORDER.INVALID_TRANSITION');
    expect(await codeOf(w.zt.orders.cancel({ memberId: 'm1', orderId: shipped }))).toBe('ORDER.INVALID_TRANSITION');
    expect(await codeOf(w.zt.fulfilment.ship({ orderId: unpaid, carrier: 'SF', trackingNumber: 'SF2' }))).toBe('ORDER.INVALID_TRANSITION');
    expect(await codeOf(w.zt.fulfilment.confirmReceipt({ memberId: 'm1', orderId: unpaid }))).toBe('ORDER.INVALID_TRANSITION');
    expect(await codeOf(w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'm1', orderId: unpaid }))).toBe('ORDER.INVALID_TRANSITION');
    await w.zt.jobs.runUntilIdle();
    expect(await footprint(w, ids)).toEqual(before);
  });

  it("ORDER.NOT_FOUND for another member paying, cancelling, confirming or reading m1's order — it is never visible to them", async () => {
    await fillCart(w);
    const split = await w.zt.orders.place({ memberId: 'm1', consignee });
    const shipped = (await place()).orderId;
    await payNow('m1', shipped);
    await w.zt.fulfilment.ship({ orderId: shipped, carrier: 'SF', trackingNumber: 'SF3' });
    const own = (await place('m2')).orderId;
    const ids = [split.orderId, ...split.payableOrderIds, shipped, own];
    const before = await footprint(w, ids);
    for (const orderId of [split.orderId, split.children[0]!.orderId]) {
      expect(await codeOf(w.zt.payments.pay({ memberId: 'm2', orderIds: [orderId], channel: 'fake' }))).toBe('ORDER.NOT_FOUND');
      expect(await codeOf(w.zt.orders.cancel({ memberId: 'm2', orderId }))).toBe('ORDER.NOT_FOUND');
      expect(await codeOf(w.zt.orderQueries.get({ memberId: 'm2', orderId }))).toBe('ORDER.NOT_FOUND');
    }
    // A combined payment that slips another member's order in among one's own is refused whole.
    expect(await codeOf(w.zt.payments.pay({ memberId: 'm2', orderIds: [own, split.children[1]!.orderId], channel: 'fake' }))).toBe('ORDER.NOT_FOUND');
    expect(await codeOf(w.zt.fulfilment.confirmReceipt({ memberId: 'm2', orderId: shipped }))).toBe('ORDER.NOT_FOUND');
    expect(await codeOf(w.zt.fulfilment.cancelPaid({ by: 'member', memberId: 'm2', orderId: shipped }))).toBe('ORDER.NOT_FOUND');
    expect(await codeOf(w.zt.orderQueries.get({ memberId: 'm2', orderId: shipped }))).toBe('ORDER.NOT_FOUND');
    expect((await w.zt.orderQueries.list({ memberId: 'm2' })).items.map((o) => o.id)).toEqual([own]);
    await w.zt.jobs.runUntilIdle();
    expect(await footprint(w, ids)).toEqual(before);
    expect(fake.charges.size, 'only the payment m1 opened reached the channel').toBe(1);
  });

  it('ORDER.PRICE_CHANGED when the order would cost another amount than the member saw: nothing written', async () => {
    await fillCart(w);
    const preview = await w.zt.checkout.preview({ memberId: 'm1', address: XIHU });
    const before = await footprint(w);
    for (const expectedPayable of [
      preview.totals.payable.add(Money.of('0.01')).toString(),
      preview.totals.payable.subtract(Money.of('0.01')).toString(),
      '0.00',
    ]) {
      expect(await codeOf(w.zt.orders.place({ memberId: 'm1', consignee, expectedPayable }))).toBe('ORDER.PRICE_CHANGED');
    }
    expect(await codeOf(w.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.a1, quantity: 1 }, expectedPayable: '1.00' }))).toBe(
      'ORDER.PRICE_CHANGED',
    );
    await w.zt.jobs.runUntilIdle();
    expect(await footprint(w)).toEqual(before);
    // The price the member saw still places the order.
    expect((await w.zt.orders.place({ memberId: 'm1', consignee, expectedPayable: preview.totals.payable.toString() })).payable).toBe(
      preview.totals.payable.toString(),
    );
  });

  it('RISK.ORDER_BLOCKED for a blacklisted member or phone (spec §16): nothing locked, nothing written', async () => {
    const risk = new BlacklistRiskControl({ members: ['m1'], phones: ['13900000000'] });
    const guarded = await checkoutWorld({ clock: { now: () => clock.current }, ordering: { risk } });
    await fillCart(guarded);
    await fillCart(guarded, 'm2');
    const before = await footprint(guarded);
    expect(await codeOf(guarded.zt.orders.place({ memberId: 'm1', consignee }))).toBe('RISK.ORDER_BLOCKED');
    expect(await codeOf(guarded.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: guarded.skus.b1, quantity: 1 } }))).toBe('RISK.ORDER_BLOCKED');
    expect(await codeOf(guarded.zt.orders.place({ memberId: 'm2', consignee: { ...consignee, phone: '139 0000 0000' } }))).toBe('RISK.ORDER_BLOCKED');
    await guarded.zt.jobs.runUntilIdle();
    expect(await footprint(guarded)).toEqual(before);
    for (const skuId of Object.values(guarded.skus)) expect((await guarded.zt.inventory.viewStock({ skuId })).locked).toBe(0);
    // Off the list, the same member places the same cart.
    risk.members.delete('m1');
    expect((await guarded.zt.orders.place({ memberId: 'm1', consignee })).children.length).toBeGreaterThan(1);
  });
});

describe(`concurrency on ${db.name}${onServer ? '' : ' (transactions serialised: bookkeeping only)'}`, () => {
  /** Calls `work` again while it fails with a retryable error, as a client or a channel retries. */
  async function retrying<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        const retryable = isDomainError(e) && (e.details as { retryable?: unknown })?.retryable === true;
        if (!retryable || attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      }
    }
  }

  /**
   * A channel calls back again until it gets a success answer: the loser of a race on the payment
   * (CONCURRENCY.*: a concurrent change, or a busy row) is called again. The codes seen are kept.
   */
  const raced: string[] = [];
  async function channelRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        if (!(isDomainError(e) && e.code.startsWith('CONCURRENCY.')) || attempt >= 20) throw e;
        raced.push(e.code);
      }
    }
  }

  it('INV-3: 16 buyers race for a SKU with 5 units: exactly 5 orders, 5 locked, never oversold; the losers are told it is out of stock', async () => {
    const w = await worldOn(() => db.fresh(), { current: at(10) });
    const category = await w.zt.catalog.createCategory({ name: 'Hot' });
    const spu = await w.zt.catalog.createSpu({ code: 'HOT', title: 'Hot item', categoryId: category.id, salePrice: '88.00', brandId: w.brandA });
    await w.zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
    const hot = spu.skus[0]!.id;
    await w.zt.inventory.receivePurchase({
      warehouseId: w.warehouses.hz,
      skuId: hot,
      location: 'H-01-01',
      quantity: 5,
      fromInTransit: false,
      reference: 'receipt-hot',
    });

    const outcomes = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        retrying(() => w.zt.orders.place({ memberId: `buyer-${i}`, consignee, buyNow: { skuId: hot, quantity: 1 } })).then(
          (placed) => ({ ok: placed.orderId }),
          (e: unknown) => ({ code: isDomainError(e) ? e.code : `UNEXPECTED ${String(e)}` }),
        ),
      ),
    );
    const placed = outcomes.flatMap((o) => ('ok' in o ? [o.ok] : []));
    expect(placed).toHaveLength(5);
    const refusals = new Set(outcomes.flatMap((o) => ('code' in o ? [o.code] : [])));
    for (const code of refusals) expect(['INVENTORY.OUT_OF_STOCK', 'CART.OUT_OF_STOCK', 'CART.QUANTITY_LIMIT']).toContain(code);
    const stock = await w.zt.inventory.viewStock({ skuId: hot });
    expect({ total: stock.total, locked: stock.locked, sold: stock.sold, sellable: stock.sellable }).toEqual({ total: 5, locked: 5, sold: 0, sellable: 0 });
    expect(await w.zt.inventory.checkStockConsistency({ skuIds: [hot] })).toEqual([]);
    expect((await w.zt.orderQueries.search({ status: 'pending_payment' })).total).toBe(5);
    // Every order holds its unit, and only the winners wrote anything: one lock movement each.
    expect(stock.movements.filter((m) => m.delta.locked === 1)).toHaveLength(5);
  });

  it('PAY-1: the same callback twice at once pays the order once and sells its stock once', async () => {
    const w = await worldOn(() => db.fresh(), { current: at(10) });
    const fake = w.zt.payments.channels.get('fake') as FakePaymentChannel;
    fake.behaviour = 'never';
    const { orderId } = await w.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.b1, quantity: 3 } });
    const payment = await w.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'fake' });
    const body = fake.callbackFor(payment.number!, { transactionId: 'T-TWICE' });

    const answers = await Promise.all([0, 1].map(() => channelRetry(() => w.zt.payments.handleCallback({ channel: 'fake', body: { ...body } }))));
    expect(answers.map((a) => a.outcome)).toEqual(['paid', 'paid']);
    expect(
      answers.filter((a) => !a.replayed),
      'one of them paid, the other got its answer again',
    ).toHaveLength(1);
    await w.zt.jobs.runUntilIdle();

    const detail = await w.zt.orderQueries.get({ memberId: 'm1', orderId });
    expect(detail.status).toBe('pending_shipment');
    const stock = await w.zt.inventory.viewStock({ skuId: w.skus.b1 });
    expect({ locked: stock.locked, sold: stock.sold, total: stock.total }).toEqual({ locked: 0, sold: 3, total: 97 });
    expect(stock.movements.filter((m) => m.delta.sold > 0)).toHaveLength(1);
    expect(await w.zt.inventory.checkStockConsistency({ skuIds: [w.skus.b1] })).toEqual([]);
    const stored = await inTx(w.zt.persistence, async (tx) => (await tx.use(PAYMENT_STORE).payments.get(payment.paymentId!))!.toSnapshot());
    expect([stored.status, stored.callbacks.length, stored.paid?.channelTransactionId]).toEqual(['paid', 1, 'T-TWICE']);
    expect(fake.refunds.size).toBe(0);
  });

  it('PAY-1: the member cancels while the success arrives: either paid (the cancel refused) or cancelled (the success late and refunded), never both', async () => {
    const w = await worldOn(() => db.fresh(), { current: at(10) });
    const fake = w.zt.payments.channels.get('fake') as FakePaymentChannel;
    fake.behaviour = 'never';
    const races = [];
    for (let i = 0; i < 6; i++) {
      const { orderId } = await w.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.b1, quantity: 1 } });
      const payment = await w.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'fake' });
      races.push({ orderId, payment, body: fake.callbackFor(payment.number!, { transactionId: `T-RACE-${i}` }) });
    }
    const outcomes = await Promise.all(
      races.map(async (r) => {
        const [cancel, callback] = await Promise.all([
          channelRetry(() => w.zt.orders.cancel({ memberId: 'm1', orderId: r.orderId })).then(
            () => null,
            (e: unknown) => (isDomainError(e) ? e.code : String(e)),
          ),
          channelRetry(() => w.zt.payments.handleCallback({ channel: 'fake', body: r.body })),
        ]);
        return { ...r, cancel, callback };
      }),
    );
    await w.zt.jobs.runUntilIdle();

    let paid = 0;
    for (const o of outcomes) {
      const status = (await w.zt.orderQueries.get({ memberId: 'm1', orderId: o.orderId })).status;
      const stored = await inTx(w.zt.persistence, async (tx) => (await tx.use(PAYMENT_STORE).payments.get(o.payment.paymentId!))!.status);
      if (o.callback.outcome === 'paid') {
        paid++;
        expect([status, stored, o.cancel]).toEqual(['pending_shipment', 'paid', 'ORDER.INVALID_TRANSITION']);
      } else {
        expect([status, stored, o.cancel, o.callback.outcome]).toEqual(['cancelled', 'cancelled', null, 'late']);
        expect(fake.refunds.get(`${o.payment.number}-L1`)?.amount.toString(), 'the late success is refunded').toBe(o.payment.amount);
      }
    }
    expect(fake.refunds.size).toBe(outcomes.length - paid);
    const stock = await w.zt.inventory.viewStock({ skuId: w.skus.b1 });
    expect({ locked: stock.locked, sold: stock.sold, total: stock.total + stock.sold }).toEqual({ locked: 0, sold: paid, total: 100 });
    expect(await w.zt.inventory.checkStockConsistency({ skuIds: [w.skus.b1] })).toEqual([]);
  });

  it('PAY-1: two different successes for one payment at once (paid twice at the channel): paid once, the other refunded once', async () => {
    const w = await worldOn(() => db.fresh(), { current: at(10) });
    const fake = w.zt.payments.channels.get('fake') as FakePaymentChannel;
    fake.behaviour = 'never';
    const { orderId } = await w.zt.orders.place({ memberId: 'm1', consignee, buyNow: { skuId: w.skus.b1, quantity: 2 } });
    const payment = await w.zt.payments.pay({ memberId: 'm1', orderIds: [orderId], channel: 'fake' });
    const bodies = ['T-A', 'T-B'].map((transactionId) => fake.callbackFor(payment.number!, { transactionId }));

    const answers = await Promise.all(bodies.map((body) => channelRetry(() => w.zt.payments.handleCallback({ channel: 'fake', body }))));
    expect(answers.map((a) => a.outcome).sort()).toEqual(['late', 'paid']);
    await w.zt.jobs.runUntilIdle();

    expect((await w.zt.orderQueries.get({ memberId: 'm1', orderId })).status).toBe('pending_shipment');
    const stock = await w.zt.inventory.viewStock({ skuId: w.skus.b1 });
    expect({ locked: stock.locked, sold: stock.sold }).toEqual({ locked: 0, sold: 2 });
    expect([...fake.refunds.values()].map((r) => r.amount.toString())).toEqual([payment.amount]);
    const stored = await inTx(w.zt.persistence, async (tx) => (await tx.use(PAYMENT_STORE).payments.get(payment.paymentId!))!.toSnapshot());
    expect(stored.status).toBe('paid');
    expect(stored.callbacks.map((c) => c.outcome).sort()).toEqual(['late', 'paid']);
    expect(stored.callbacks.find((c) => c.outcome === 'late')!.refundSettledAt).not.toBeNull();
  });
});
