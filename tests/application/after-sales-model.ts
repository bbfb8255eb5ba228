import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import type { RequestType } from '../../domain/after-sales/index.js';
import { sellable } from '../../domain/inventory/sales-stock.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { consumePurchaseLimit, promotionsForPricing } from '../../application/promotion/index.js';
import { aLine, fulfilmentWorld, type FulfilmentWorld } from './fulfilment-world.js';

const MODEL_LINES = [
  aLine('L1', '100.00', 2, { skuId: 'sku-tea', discounts: { activityDiscount: '10.00', couponDiscount: '5.00', pointsDeduction: '4.00' } }),
  aLine('L2', '30.00', 1, { skuId: 'sku-cup' }),
];

/**
 * Model-based test of after-sales on one paid order (issue #15 acceptance): random sequences of
 * opening requests of every type on parts of its lines, reviewing, withdrawing, shipping back,
 * receiving (sellable or damaged), agents' adjustments, refunds, the channel's jobs and shipping the
 * order, interleaved — against a model that states AFS-1, AFS-2 and the request's table again. The
 * order is the fulfilment world's: L1 2 × 100.00 less 15.00 (paid 185.00), L2 1 × 30.00, freight 8.00,
 * a 5.00 coupon used — 223.00 paid. After every command: refunds never exceed what was paid, per line
 * and per order; the payment, the channel, the stock, the coupon and the order say what the model says;
 * once every unit is refunded with no agent's change, the refunds sum to exactly what was paid for
 * the goods, plus the freight when the last units were asked for before shipping. The order's invoice is
 * issued first; whenever the jobs have run, its blue and red invoices balance to what the order keeps.
 */

// L1 also spent 400 points (4.00) of the member's 1,000: 200.00 less 10.00, 5.00 and 4.00 → paid 181.00.
const LINES = { L1: { quantity: 2, paid: 18_100n, points: 400n, sku: 'sku-tea' }, L2: { quantity: 1, paid: 3_000n, points: 0n, sku: 'sku-cup' } } as const;
type LineId = keyof typeof LINES;
const FREIGHT = 800n;
const ISSUER = { name: 'Shop A', taxNumber: '91310000MA1FL0001X' };
const GOODS = LINES.L1.paid + LINES.L2.paid;
const PAID = GOODS + FREIGHT;
/** The member's points once the order spent its 400. */
const POINTS_LEFT = 600;

interface Req {
  id: string;
  type: RequestType;
  lines: { lineId: LineId; quantity: number; cash: bigint; points: bigint }[];
  freight: bigint;
  status: string;
  issued: boolean;
  amount: bigint | null;
  compensation: bigint;
  received: 'sellable' | 'damaged' | null;
  /** Refunded before the order shipped: its units never left, and are back on sale. */
  backUnshipped: boolean;
  /** …and the order, still to ship the rest, withholds them from its parcel. */
  withheld: boolean;
  /** An exchange received: its new units are an order of their own, sold; `shipped` once that order shipped. */
  exchange: 'sold' | 'shipped' | null;
}
interface Model {
  shipped: boolean;
  /** The member confirmed receipt (growth and purchase points granted). */
  completed: boolean;
  /** The last command ran the jobs to idle: the invoices have followed every refund. */
  settled: boolean;
  requests: Req[];
  adjustedIssued: boolean;
}
interface Real {
  w: FulfilmentWorld;
  /** A flash sale limited to 5 per member, of which the order took 2 units (限购). */
  flash: string;
  coupon: string;
  base: Record<string, number>;
}
type Outcome = 'ok' | string;

const live = (r: Req) => r.status !== 'closed';
const refundOf = (r: Req) => (r.amount ?? r.lines.reduce((n, l) => n + l.cash, 0n) + r.freight) + r.compensation;
const refundable = (r: Req) => r.lines.reduce((n, l) => n + l.cash, 0n) + r.freight;
const issuedUnits = (m: Model, lineId: LineId) =>
  m.requests.filter((r) => r.issued).reduce((n, r) => n + (r.lines.find((l) => l.lineId === lineId)?.quantity ?? 0), 0);
const wholeRefunded = (m: Model) => (Object.keys(LINES) as LineId[]).every((id) => issuedUnits(m, id) >= LINES[id].quantity);
const refundedTotal = (m: Model) => m.requests.filter((r) => r.issued).reduce((n, r) => n + refundOf(r), 0n);
const codeOf = (e: unknown) => {
  if (!isDomainError(e)) throw e;
  return e.code;
};

abstract class Step implements fc.AsyncCommand<Model, Real> {
  check = (_m: Readonly<Model>) => true;
  abstract expected(m: Model): Outcome;
  abstract act(r: Real, m: Model): Promise<unknown>;
  apply?(m: Model, answer: unknown): void;
  async run(m: Model, r: Real): Promise<void> {
    const want = this.expected(m);
    let got: Outcome = 'ok';
    let answer: unknown;
    try {
      answer = await this.act(r, m);
    } catch (e) {
      got = codeOf(e);
    }
    expect(got, this.toString()).toBe(want);
    if (got === 'ok') this.apply?.(m, answer);
    m.settled = this instanceof RunJobs;
    await checkInvariants(m, r);
  }
  toString = () => this.constructor.name;
}

/**
 * A step on one request of the model: for an even `k`, one the step applies to when there is one (its
 * status among `from`), else any, by position — so requests move along, and refusals are tried too.
 */
abstract class OnRequest extends Step {
  abstract readonly from: readonly string[];
  constructor(readonly k: number) {
    super();
  }
  override check = (m: Readonly<Model>) => m.requests.length > 0;
  req = (m: Model): Req => {
    const fitting = m.requests.filter((r) => this.from.includes(r.status));
    return this.k % 2 === 0 && fitting.length > 0 ? fitting[(this.k >> 1) % fitting.length]! : m.requests[this.k % m.requests.length]!;
  };
  override toString = () => `${this.constructor.name}(${this.k})`;
}

const ALL_TYPES: readonly RequestType[] = ['refund_only', 'refund', 'return_and_refund', 'exchange'];
const allowedTypes = (m: Model): RequestType[] => (m.shipped ? ['refund', 'return_and_refund', 'exchange'] : ['refund_only']);

/** Opens a request: of a type the order allows now (`fits`, mostly), or of any type. */
class Open extends Step {
  private type: RequestType = 'refund_only';
  constructor(
    readonly pick: number,
    readonly fits: boolean,
    readonly lines: { lineId: LineId; quantity: number }[],
  ) {
    super();
  }
  expected(m: Model): Outcome {
    const choices = this.fits ? allowedTypes(m) : ALL_TYPES;
    this.type = choices[this.pick % choices.length]!;
    if (wholeRefunded(m) && !m.completed) return 'AFTER_SALES.TYPE_NOT_ALLOWED'; // the order closed
    if (!allowedTypes(m).includes(this.type)) return 'AFTER_SALES.TYPE_NOT_ALLOWED';
    for (const l of this.lines) {
      const held = m.requests.filter(live).reduce((n, r) => n + (r.lines.find((x) => x.lineId === l.lineId)?.quantity ?? 0), 0);
      if (l.quantity > LINES[l.lineId].quantity - held) return 'AFTER_SALES.QUANTITY_EXCEEDS';
    }
    return 'ok';
  }
  act = (r: Real) => r.w.zt.afterSales.open({ memberId: 'member-1', orderId: 'o1', type: this.type, lines: this.lines, reason: 'quality' });
  override apply = (m: Model, answer: unknown) => {
    const a = answer as { id: string; quote: { freight: { toMinor(): bigint }; lines: { lineId: string; cash: { toMinor(): bigint }; points: number }[] } };
    const lines = this.lines.map((l) => {
      // AFS-2, decision 0031: the units held after this request carry ⌊paid × units / bought⌋, less what live requests hold.
      const heldBy = m.requests.filter(live).flatMap((r) => r.lines.filter((x) => x.lineId === l.lineId));
      const units = heldBy.reduce((n, x) => n + x.quantity, 0) + l.quantity;
      const share = (total: bigint) => (total * BigInt(units)) / BigInt(LINES[l.lineId].quantity);
      const cash = share(LINES[l.lineId].paid) - heldBy.reduce((n, x) => n + x.cash, 0n);
      const points = share(LINES[l.lineId].points) - heldBy.reduce((n, x) => n + x.points, 0n);
      return { ...l, cash: cash < 0n ? 0n : cash, points: points < 0n ? 0n : points };
    });
    const afterThis = (Object.keys(LINES) as LineId[]).every(
      (id) =>
        m.requests.filter(live).reduce((n, r) => n + (r.lines.find((x) => x.lineId === id)?.quantity ?? 0), 0) +
          (lines.find((x) => x.lineId === id)?.quantity ?? 0) >=
        LINES[id].quantity,
    );
    const freightHeld = m.requests.filter(live).reduce((n, r) => n + r.freight, 0n);
    const freight = !m.shipped && afterThis ? FREIGHT - freightHeld : 0n;
    expect(a.quote.lines.map((l) => [l.lineId, l.cash.toMinor(), BigInt(l.points)])).toEqual(lines.map((l) => [l.lineId, l.cash, l.points]));
    expect(a.quote.freight.toMinor()).toBe(freight);
    m.requests.push({
      id: a.id,
      type: this.type,
      lines,
      freight,
      status: 'pending_review',
      issued: false,
      amount: null,
      compensation: 0n,
      received: null,
      backUnshipped: false,
      withheld: false,
      exchange: null,
    });
  };
  override toString = () => `Open(${this.fits ? 'fitting' : 'any'} ${this.pick}, ${this.lines.map((l) => `${l.lineId}×${l.quantity}`).join(' ')})`;
}

class Review extends OnRequest {
  readonly from = ['pending_review'];
  constructor(
    k: number,
    readonly approve: boolean,
  ) {
    super(k);
  }
  expected = (m: Model) => (this.req(m).status === 'pending_review' ? 'ok' : 'AFTER_SALES.INVALID_TRANSITION');
  act = async (r: Real, m: Model) => {
    const q = this.req(m);
    return r.w.zt.afterSales.review({ requestId: q.id, staffId: 'agent', approve: this.approve, reason: 'checked' });
  };
  override apply = (m: Model) => {
    const q = this.req(m);
    q.status = !this.approve ? 'closed' : q.type === 'return_and_refund' || q.type === 'exchange' ? 'awaiting_customer_shipment' : 'awaiting_refund';
  };
  override toString = () => `Review(${this.k}, ${this.approve})`;
}

class Withdraw extends OnRequest {
  readonly from = ['pending_review', 'awaiting_customer_shipment'];
  expected = (m: Model) => (['pending_review', 'awaiting_customer_shipment'].includes(this.req(m).status) ? 'ok' : 'AFTER_SALES.INVALID_TRANSITION');
  act = async (r: Real, m: Model) => {
    const q = this.req(m);
    return r.w.zt.afterSales.withdraw({ requestId: q.id, memberId: 'member-1' });
  };
  override apply = (m: Model) => void (this.req(m).status = 'closed');
}

class ShipBack extends OnRequest {
  readonly from = ['awaiting_customer_shipment'];
  expected = (m: Model) => (this.req(m).status === 'awaiting_customer_shipment' ? 'ok' : 'AFTER_SALES.INVALID_TRANSITION');
  act = async (r: Real, m: Model) => {
    const q = this.req(m);
    return r.w.zt.afterSales.shipBack({ requestId: q.id, memberId: 'member-1', carrier: 'YTO', trackingNumber: `YT-${q.id}` });
  };
  override apply = (m: Model) => void (this.req(m).status = 'awaiting_return_receipt');
}

class Receive extends OnRequest {
  readonly from = ['awaiting_return_receipt'];
  constructor(
    k: number,
    readonly inspection: 'sellable' | 'damaged',
  ) {
    super(k);
  }
  expected = (m: Model) => (this.req(m).status === 'awaiting_return_receipt' ? 'ok' : 'AFTER_SALES.INVALID_TRANSITION');
  act = async (r: Real, m: Model) => {
    const q = this.req(m);
    return r.w.zt.afterSales.receive({ requestId: q.id, staffId: 'warehouse', inspection: this.inspection });
  };
  override apply = (m: Model) => {
    const q = this.req(m);
    q.status = q.type === 'exchange' ? 'awaiting_exchange_shipment' : 'awaiting_refund';
    q.received = this.inspection;
    if (q.type === 'exchange') q.exchange = 'sold';
  };
  override toString = () => `Receive(${this.k}, ${this.inspection})`;
}

class Adjust extends OnRequest {
  readonly from = ['pending_review', 'awaiting_customer_shipment', 'awaiting_return_receipt', 'awaiting_refund'];
  constructor(
    k: number,
    readonly amount: bigint,
    readonly compensation: bigint,
  ) {
    super(k);
  }
  expected(m: Model): Outcome {
    const q = this.req(m);
    const adjustable = ['pending_review', 'awaiting_customer_shipment', 'awaiting_return_receipt', 'awaiting_refund'].includes(q.status);
    if (q.type === 'exchange' || !adjustable || q.issued) return 'AFTER_SALES.INVALID_TRANSITION';
    return this.amount > refundable(q) ? 'AFTER_SALES.AMOUNT_ABOVE_REFUNDABLE' : 'ok';
  }
  act = async (r: Real, m: Model) => {
    const q = this.req(m);
    const yuan = (c: bigint) => (Number(c) / 100).toFixed(2);
    return r.w.zt.afterSales.adjustRefund({
      requestId: q.id,
      staffId: 'agent',
      why: 'goodwill',
      amount: yuan(this.amount),
      freightCompensation: yuan(this.compensation),
    });
  };
  override apply = (m: Model) => {
    const q = this.req(m);
    q.amount = this.amount;
    q.compensation = this.compensation;
  };
  override toString = () => `Adjust(${this.k}, ${this.amount}, ${this.compensation})`;
}

class Refund extends OnRequest {
  readonly from = ['awaiting_refund'];
  expected(m: Model): Outcome {
    const q = this.req(m);
    if (q.status !== 'awaiting_refund' || q.issued) return 'AFTER_SALES.INVALID_TRANSITION';
    return refundOf(q) > PAID - refundedTotal(m) ? 'PAYMENT.REFUND_EXCEEDS_PAID' : 'ok';
  }
  act = async (r: Real, m: Model) => {
    const q = this.req(m);
    return r.w.zt.afterSales.refund({ requestId: q.id, staffId: 'finance' });
  };
  override apply = (m: Model) => {
    const q = this.req(m);
    q.issued = true;
    q.backUnshipped = !m.shipped;
    q.withheld = !m.shipped && !wholeRefunded(m); // the refund that takes the last units closes the order instead
    if (q.amount !== null || q.compensation !== 0n) m.adjustedIssued = true;
    if (refundOf(q) === 0n) q.status = 'succeeded';
  };
}

class RunJobs extends Step {
  expected = () => 'ok';
  act = (r: Real) => r.w.zt.jobs.runUntilIdle();
  override apply = (m: Model) => {
    for (const q of m.requests) {
      if (q.issued && q.status === 'awaiting_refund') q.status = 'succeeded';
      if (q.exchange === 'shipped' && q.status === 'awaiting_exchange_shipment') q.status = 'succeeded';
    }
  };
}

/** The warehouse ships a received exchange's order (`x-<request>`); the request succeeds once the jobs deliver it. */
class ShipExchange extends OnRequest {
  readonly from = ['awaiting_exchange_shipment'];
  expected = (m: Model) => {
    const q = this.req(m);
    return q.exchange === 'sold' ? 'ok' : q.exchange === 'shipped' ? 'ORDER.INVALID_TRANSITION' : 'ORDER.NOT_FOUND';
  };
  act = (r: Real, m: Model) => r.w.zt.fulfilment.ship({ orderId: `x-${this.req(m).id}`, carrier: 'SF', trackingNumber: 'SFX' });
  override apply = (m: Model) => void (this.req(m).exchange = 'shipped');
}

class Ship extends Step {
  expected = (m: Model) => (m.shipped || wholeRefunded(m) ? 'ORDER.INVALID_TRANSITION' : 'ok');
  act = (r: Real) => r.w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF1' });
  override apply = (m: Model) => void (m.shipped = true);
}

/** The member confirms receipt: the order completes (its growth and purchase points come with the jobs). */
class Complete extends Step {
  expected = (m: Model) => (m.shipped && !m.completed && !wholeRefunded(m) ? 'ok' : 'ORDER.INVALID_TRANSITION');
  act = (r: Real) => r.w.zt.fulfilment.confirmReceipt({ memberId: 'member-1', orderId: 'o1' });
  override apply = (m: Model) => void (m.completed = true);
}

async function checkInvariants(m: Model, r: Real): Promise<void> {
  const { w } = r;
  // Money: the payment refunded exactly what the issued requests pay out, never more than was paid.
  const payment = await w.payment('pay-o1');
  const refunded = payment.refunds.reduce((n, x) => n + x.amount.toMinor(), 0n);
  expect(refunded).toBe(refundedTotal(m));
  expect(refunded <= PAID).toBe(true);
  for (const id of Object.keys(LINES) as LineId[]) {
    const cash = m.requests.filter((q) => q.issued).reduce((n, q) => n + (q.lines.find((l) => l.lineId === id)?.cash ?? 0n), 0n);
    expect(cash <= LINES[id].paid).toBe(true);
  }
  // The channel: one refund per issued request with money, asked once, for its amount (once the jobs ran).
  for (const [id, x] of w.channel.refunds) {
    const q = m.requests.find((y) => `afs-${y.id}` === id);
    expect(q?.issued === true && x.amount.toMinor() === refundOf(q)).toBe(true);
  }
  // Requests: their statuses are the model's.
  const real = await w.zt.afterSales.listOfMember({ memberId: 'member-1' });
  expect(Object.fromEntries(real.map((q) => [q.id, q.status]))).toEqual(Object.fromEntries(m.requests.map((q) => [q.id, q.status])));
  // The order, the coupon and the stock.
  const whole = wholeRefunded(m);
  const withheld: Record<string, number> = {};
  for (const q of m.requests.filter((x) => x.withheld)) for (const l of q.lines) withheld[l.lineId] = (withheld[l.lineId] ?? 0) + l.quantity;
  expect((await w.order('o1')).withheld ?? {}).toEqual(withheld);
  expect((await w.order('o1')).status).toBe(m.completed ? 'completed' : whole ? 'closed' : m.shipped ? 'shipped' : 'pending_shipment');
  expect((await w.zt.coupons.listMemberCoupons({ memberId: 'member-1' })).find((c) => c.id === r.coupon)?.state).toBe(whole ? 'returned' : 'used');
  // The purchase limit the order took comes back once, when the whole order is refunded.
  const allowances = await w.tx((t) => promotionsForPricing(t, w.clock.now(), 'member-1'));
  expect(allowances.allowances.find((a) => a.activityId === r.flash)?.used).toBe(whole ? 0 : 2);
  for (const id of Object.keys(LINES) as LineId[]) {
    const line = LINES[id];
    const unitsOf = (qs: Req[]) => qs.reduce((n, q) => n + (q.lines.find((l) => l.lineId === id)?.quantity ?? 0), 0);
    const back = unitsOf(m.requests.filter((q) => q.received === 'sellable' || q.backUnshipped));
    const exchangedOut = unitsOf(m.requests.filter((q) => q.exchange !== null));
    expect(sellable(await w.salesStock(line.sku)), `${line.sku}`).toBe(r.base[line.sku]! + back - exchangedOut);
  }
  // Invoices, once the jobs ran: the issued blue and red ones sum to what the order keeps — paid less what
  // the issued refunds took back of it (an agent's amount, not the freight compensation) — with one live
  // blue invoice while something is kept, none once nothing is.
  if (m.settled) {
    // MBR-1, once the jobs ran: the points the refunded units used came back, each once; growth and purchase
    // points (1 each per yuan, on completion) are of what the order keeps (paid less every refund, compensation included).
    const net = PAID - refundedTotal(m);
    const earned = m.completed && net > 0n ? Number(net / 100n) : 0;
    const returned = m.requests.filter((q) => q.issued).reduce((n, q) => n + q.lines.reduce((k, l) => k + Number(l.points), 0), 0);
    const member = await w.zt.membership.get({ memberId: 'member-1' });
    expect([member.growth, member.points]).toEqual([earned, POINTS_LEFT + returned + earned]);
    const invoices = await w.zt.invoices.search({ orderId: 'o1', limit: 100 });
    const kept = PAID - m.requests.filter((q) => q.issued).reduce((n, q) => n + (q.amount ?? refundable(q)), 0n);
    const issued = invoices.filter((i) => i.fapiao !== null).reduce((n, i) => n + i.amount.toMinor(), 0n);
    expect(issued).toBe(kept);
    const liveBlue = invoices.filter((i) => i.kind === 'blue' && i.status !== 'red_flushed' && i.status !== 'cancelled');
    expect(liveBlue.map((i) => i.status)).toEqual(kept > 0n ? ['issued'] : []);
  }
  // Every unit refunded without an agent's change: exactly what was paid for the goods, plus the freight carried.
  if (whole && !m.adjustedIssued) {
    const freight = m.requests.filter((q) => q.issued).reduce((n, q) => n + q.freight, 0n);
    expect(refunded).toBe(GOODS + freight);
    expect(freight === 0n || freight === FREIGHT).toBe(true);
  }
}

const lineArb = fc.constantFrom<LineId>('L1', 'L2');
const openArb = fc
  .tuple(
    fc.nat(3),
    fc.nat(4).map((n) => n > 0), // four in five fit the order's state
    fc.uniqueArray(fc.record({ lineId: lineArb, quantity: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 2, selector: (l) => l.lineId }),
  )
  .map(([pick, fits, lines]) => new Open(pick, fits, lines));
const k = fc.nat(7);
// Weighted by repetition (fc.commands picks among the entries alike): requests move along more often than the order ships.
const approve = k.map((i) => new Review(i, true));
const refund = k.map((i) => new Refund(i));
const commands = [
  openArb,
  openArb,
  openArb,
  k.chain((i) => fc.boolean().map((a) => new Review(i, a))),
  approve,
  approve,
  approve,
  k.map((i) => new Withdraw(i)),
  k.map((i) => new ShipBack(i)),
  k.map((i) => new ShipBack(i)),
  fc.tuple(k, fc.constantFrom<'sellable' | 'damaged'>('sellable', 'damaged')).map(([i, x]) => new Receive(i, x)),
  fc.tuple(k, fc.constantFrom<'sellable' | 'damaged'>('sellable', 'damaged')).map(([i, x]) => new Receive(i, x)),
  fc.tuple(k, fc.bigInt({ min: 0n, max: 20_000n }), fc.constantFrom(0n, 600n, 2_000n)).map(([i, a, c]) => new Adjust(i, a, c)),
  refund,
  refund,
  refund,
  refund,
  fc.constant(new RunJobs()),
  fc.constant(new RunJobs()),
  fc.constant(new Ship()),
  fc.constant(new Complete()),
  k.map((i) => new ShipExchange(i)),
  k.map((i) => new ShipExchange(i)),
  k.map((i) => new ShipExchange(i)),
];

/** A flash sale of sku-tea serving for a day, at most 5 per member (approved by a second pair of eyes). */
async function limitedFlashSale(w: FulfilmentWorld): Promise<string> {
  const at = w.clock.now().getTime();
  const a = await w.zt.promotions.createActivity({
    name: '秒杀',
    rule: { kind: 'flash_sale', prices: [{ skuId: 'sku-tea', price: '90.00' }] },
    scope: { kind: 'skus', ids: ['sku-tea'] },
    startsAt: new Date(at - 60_000),
    endsAt: new Date(at + 86_400_000),
    perMemberLimit: 5,
  });
  await w.zt.promotions.submitActivity({ activityId: a.id, by: 'alice' });
  await w.zt.promotions.approveActivity({ activityId: a.id, by: 'bob' });
  return a.id;
}

/** An exchange of L2's unit, approved, shipped back and received (sellable): the new unit's order awaits shipping. */
async function receivedExchange(w: FulfilmentWorld): Promise<Req> {
  const a = await w.zt.afterSales.open({ memberId: 'member-1', orderId: 'o1', type: 'exchange', lines: [{ lineId: 'L2', quantity: 1 }], reason: 'wrong_item' });
  await w.zt.afterSales.review({ requestId: a.id, staffId: 'agent', approve: true });
  await w.zt.afterSales.shipBack({ requestId: a.id, memberId: 'member-1', carrier: 'YTO', trackingNumber: 'YT0' });
  await w.zt.afterSales.receive({ requestId: a.id, staffId: 'warehouse', inspection: 'sellable' });
  const lines = [{ lineId: 'L2' as const, quantity: 1, cash: 3_000n, points: 0n }];
  const base = { id: a.id, type: 'exchange' as const, lines, freight: 0n, status: 'awaiting_exchange_shipment', issued: false, amount: null };
  return { ...base, compensation: 0n, received: 'sellable', backUnshipped: false, withheld: false, exchange: 'sold' };
}

export function afterSalesModelSuite(name: string, persistence: () => Promise<Persistence | undefined>, runs: number): void {
  describe(`after-sales against a model on ${name} (issue #15)`, () => {
    it('any interleaving of requests, reviews, returns, adjustments, refunds, the channel’s jobs and shipping keeps AFS-1, AFS-2, CPN-2 and the stock exact', async () => {
      await fc.assert(
        // Half the runs start with the order shipped, so that returns (ship back, receive) have units to take.
        fc.asyncProperty(fc.boolean(), fc.boolean(), fc.commands(commands, { maxCommands: 40, size: 'max' }), async (shipped, exchanging, cmds) => {
          const w = await fulfilmentWorld(await persistence());
          const coupon = await w.usedCoupon('member-1', 'o1');
          const flash = await limitedFlashSale(w);
          await w.tx((t) => consumePurchaseLimit(t, { activityId: flash, memberId: 'member-1', reference: 'o1', quantity: 2 }, w.clock.now()));
          const order = await w.paidOrder({ id: 'o1', couponIds: [coupon], points: 400, lines: MODEL_LINES, limitedActivityIds: [flash] });
          await w.zt.membership.register({ memberId: 'member-1' });
          await w.zt.membership.adjustPoints({ memberId: 'member-1', delta: 1000, operator: 'ops', reason: 'model' });
          await w.spentPoints('member-1', 'o1', 400, '4.00', { L1: 400 });
          await w.zt.membership.recordPaidOrder({ orderId: 'o1', memberId: 'member-1', paidAt: w.clock.now(), amount: order.payable.toString() });
          if (shipped) await w.zt.fulfilment.ship({ orderId: 'o1', carrier: 'SF', trackingNumber: 'SF0' });
          const base = { 'sku-tea': sellable(await w.salesStock('sku-tea')), 'sku-cup': sellable(await w.salesStock('sku-cup')) };
          await w.zt.invoices.setSettings({ shopId: '*', issueWhen: 'paid', issuer: ISSUER, goodsRate: 1300, freightRate: 900, categoryRates: {} });
          await w.zt.invoices.request({
            memberId: 'member-1',
            orderId: 'o1',
            buyer: { type: 'personal', title: 'Li Lei', taxNumber: null, email: null, address: null },
          });
          await w.zt.jobs.runUntilIdle();
          const model: Model = { shipped, completed: false, settled: true, requests: [], adjustedIssued: false };
          // Half the shipped runs start with an exchange of L2 received, its new unit an order waiting to ship.
          if (shipped && exchanging) model.requests.push(await receivedExchange(w));
          await fc.asyncModelRun(() => ({ model, real: { w, coupon, base, flash } }), cmds);
          expect(w.jobErrors).toEqual([]);
        }),
        { numRuns: runs },
      );
    }, 240_000);
  });
}
