import fc from 'fast-check';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
import { describe, expect, it } from 'vitest';
import type { Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { FakeCallbackBody, FakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { COUPON_STORE } from '../../application/coupon/store.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { CART_STORE } from '../../application/cart/store.js';
import { cartIdOf } from '../../domain/cart/cart.js';
import type { Order } from '../../domain/ordering/order.js';
import { canTransition, ORDER_STATUS_RANK, parentStatus, type OrderStatus } from '../../domain/ordering/status.js';
import type { PaymentStatus } from '../../domain/payment/payment.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import { inTx } from '../adapters/contract/support.js';
import { checkoutWorld, type CheckoutWorld } from '../support/checkout-world.js';
import { at } from '../support/mothers.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';
import { PAYMENT_STORE } from '../../application/payment/store.js';

/**
 * Model-based test of orders and payments (issue #6 acceptance): random sequences of placing (buy-now
 * or from the cart), paying (one order, a split parent's children, or everything the member owes in one
 * combined payment; the fake channel's callback delivered at once or later), duplicate and late
 * callbacks, cancelling before payment, time passing (ORD-3, PAY-2, automatic receipt — with the job
 * worker on time or behind), shipping, confirming receipt and cancelling after payment (ORD-6), over
 * two members and four SKUs with small stock, run through the facade against a model that states the
 * rules again. Commands pick, mostly, an order or payment they apply to, sometimes any (the refusals,
 * with their codes). After every command the durable jobs due run (unless the worker is behind), and
 * the real system is checked against the model and the invariants:
 *
 * - ORD-2: every order's status is the model's; a leaf moves only along its kind's flow (ORDER_FLOWS), a split
 *   parent never goes back (ORDER_STATUS_RANK) and shows `parentStatus` of its children (ORD-5);
 * - INV-4 stock conservation per SKU: received = sellable + locked + sold, locked = Σ of the unpaid
 *   live orders' quantities, sold = Σ of the paid ones' (an order closed before it shipped gave its
 *   units back), the ledger balances the counters;
 * - §10: each payment's status is the model's and its amount is Σ of its orders' payables; a paid
 *   order names the one paid payment that pays it;
 * - CPN-2: a coupon is locked iff its order awaits payment, used iff (a leaf of) its order was paid,
 *   returned once the paid order was refunded in full, available again when it was cancelled unpaid;
 * - PAY-1: a callback changes state at most once (a replay leaves every version unchanged), and every
 *   late callback (payment closed, order cancelled, or a second transaction of a paid payment) gives
 *   exactly one refund at the channel once the jobs ran; so does every cancellation after payment.
 */

type Member = 'm1' | 'm2';
type SkuName = 'sa' | 'sh' | 'sb' | 'sp';
const SKU_NAMES: readonly SkuName[] = ['sa', 'sh', 'sb', 'sp'];
/** Units received per SKU: small, so that orders run out of stock. */
const RECEIVED: Record<SkuName, number> = { sa: 4, sh: 3, sb: 5, sp: 6 };
const MINUTE = 60_000;
const DAY = 86_400_000;
const UNPAID_TIMEOUT = 30 * MINUTE;
const PAYMENT_TIMEOUT = 15 * MINUTE;
const AUTO_CONFIRM = 10 * DAY;
const XIHU = '330106';
const consignee = { name: '张三', phone: '13800000000', district: XIHU, address: '文三路 1 号' };

interface MLeaf {
  readonly id: string;
  readonly top: string;
  readonly lines: ReadonlyMap<SkuName, number>;
  readonly payable: string;
  readonly payBy: number;
  status: OrderStatus;
  paidBy: string | null;
  shippedAt: number | null;
  /** Closed after payment before it shipped: its sold units went back on sale (ORD-6). */
  stockBack: boolean;
}

interface MTop {
  readonly id: string;
  readonly member: Member;
  readonly split: boolean;
  readonly leafIds: readonly string[];
  readonly couponIds: readonly string[];
}

interface MPayment {
  readonly id: string;
  readonly number: string;
  readonly member: Member;
  readonly orderIds: readonly string[];
  readonly amount: string;
  readonly expiresAt: number;
  status: PaymentStatus;
  /** Late callbacks flagged so far (their refund ids are `<number>-L<k>`). */
  late: number;
  readonly refundedOrders: Set<string>;
}

interface Delivered {
  readonly paymentId: string;
  readonly body: FakeCallbackBody;
  readonly outcome: 'paid' | 'late';
}

export interface Model {
  now: number;
  readonly tops: MTop[];
  readonly leaves: Map<string, MLeaf>;
  readonly payments: MPayment[];
  readonly delivered: Delivered[];
  readonly carts: Record<Member, Map<SkuName, number>>;
  /** What the fake channel must have refunded once the jobs ran: refund id → amount. */
  readonly refunds: Map<string, string>;
  /** The status each order was last seen in (ORD-2: never backwards). */
  readonly seen: Map<string, OrderStatus>;
}

export interface Real {
  readonly zt: Zhongtai;
  readonly world: CheckoutWorld;
  readonly fake: FakePaymentChannel;
  readonly persistence: Persistence;
  readonly clock: { current: Date };
  readonly skus: Record<SkuName, string>;
  readonly skuName: ReadonlyMap<string, SkuName>;
  transactions: number;
}

// ---------------------------------------------------------------------------------------------
// The model's rules

const PAID_LIVE: readonly OrderStatus[] = ['pending_shipment', 'shipped', 'completed'];

function locked(m: Model, sku: SkuName): number {
  let n = 0;
  for (const l of m.leaves.values()) if (l.status === 'pending_payment') n += l.lines.get(sku) ?? 0;
  return n;
}

function sold(m: Model, sku: SkuName): number {
  let n = 0;
  for (const l of m.leaves.values()) if (PAID_LIVE.includes(l.status) || (l.status === 'closed' && !l.stockBack)) n += l.lines.get(sku) ?? 0;
  return n;
}

const sellable = (m: Model, sku: SkuName) => RECEIVED[sku] - locked(m, sku) - sold(m, sku);

/** CART-1 / INV-3 as the cart and the checkout say it: within stock, else out of stock (none left) or over the limit. */
const stockCode = (wanted: number, left: number): string | null => (wanted <= left ? null : left <= 0 ? 'CART.OUT_OF_STOCK' : 'CART.QUANTITY_LIMIT');

const topOf = (m: Model, id: string) => m.tops.find((t) => t.id === id);
const leavesOf = (m: Model, t: MTop) => t.leafIds.map((id) => m.leaves.get(id)!);
const memberOf = (m: Model, orderId: string): Member => (topOf(m, orderId) ?? topOf(m, m.leaves.get(orderId)!.top)!).member;

/** Every order a command may name: each top-level order and, when split, each child. */
function targets(m: Model): string[] {
  return m.tops.flatMap((t) => (t.split ? [t.id, ...t.leafIds] : [t.id]));
}

/** ORD-2 / PAY-2 cascade: an order cancelled before payment closes its unpaid payments. */
function cancelLeaf(m: Model, leaf: MLeaf): void {
  leaf.status = 'cancelled';
  for (const p of m.payments) if (p.status === 'unpaid' && p.orderIds.includes(leaf.id)) p.status = 'cancelled';
}

/** What the timers do once their time has come (the jobs run after every command). */
function settleDue(m: Model): void {
  for (const p of m.payments) if (p.status === 'unpaid' && p.expiresAt <= m.now) p.status = 'cancelled';
  for (const l of m.leaves.values()) {
    if (l.status === 'pending_payment' && l.payBy <= m.now) cancelLeaf(m, l);
    if (l.status === 'shipped' && l.shippedAt! + AUTO_CONFIRM <= m.now) l.status = 'completed';
  }
}

type CouponExpectation = 'locked' | 'used' | 'returned' | 'released';

/** CPN-2 for the coupons of a top-level order, from what happened to its leaves. */
function couponExpectation(m: Model, t: MTop): CouponExpectation {
  const leaves = leavesOf(m, t);
  const paid = leaves.some((l) => l.paidBy !== null);
  const live = leaves.some((l) => l.status !== 'cancelled' && l.status !== 'closed');
  if (!paid) return live ? 'locked' : 'released';
  return live ? 'used' : 'returned';
}

// ---------------------------------------------------------------------------------------------
// Reading the real system

const codeOf = async <T>(p: Promise<T>): Promise<{ code: string | null; value: T | undefined }> =>
  p.then(
    (value) => ({ code: null, value }),
    (e: unknown) => {
      if (isDomainError(e)) return { code: e.code, value: undefined };
      throw e;
    },
  );

async function ordersOf(r: Real, ids: readonly string[]): Promise<Map<string, Order>> {
  return inTx(r.persistence, async (tx) => {
    const out = new Map<string, Order>();
    for (const id of ids) {
      const o = await tx.use(ORDERING_STORE).orders.get(id);
      if (!o) throw new Error(`order ${id} is missing`);
      out.set(id, o);
    }
    return out;
  });
}

/** Versions of every order, payment and coupon, the stock counters and the channel's refunds: what a replay must leave alone. */
async function footprint(m: Model, r: Real): Promise<unknown> {
  return inTx(r.persistence, async (tx) => {
    const out: Record<string, unknown> = {};
    for (const id of targets(m)) out[`order:${id}`] = (await tx.use(ORDERING_STORE).orders.get(id))?.version;
    for (const p of m.payments) out[`payment:${p.id}`] = (await tx.use(PAYMENT_STORE).payments.get(p.id))?.version;
    for (const c of Object.values(r.world.coupons)) out[`coupon:${c}`] = (await tx.use(COUPON_STORE).ownedCoupons.get(c))?.version;
    for (const s of SKU_NAMES) {
      const st = await tx.use(INVENTORY_STORE).salesStocks.get(r.skus[s]);
      out[`stock:${s}`] = st && { total: st.total, locked: st.locked, sold: st.sold };
    }
    out.refunds = [...r.fake.refunds.keys()].sort();
    return out;
  });
}

/** Runs the jobs due now (timers, notifications, refunds): none may fail; the model's timers fire with them. */
async function settle(m: Model, r: Real): Promise<void> {
  const result = await r.zt.jobs.runUntilIdle();
  expect(result.failed, 'a job failed').toBe(0);
  settleDue(m);
}

/** The invariants, checked after every command against the real system. */
async function check(m: Model, r: Real): Promise<void> {
  const ids = targets(m);
  const orders = await ordersOf(r, ids);

  // ORD-2: statuses are the model's, leaves move along the table, parents never go back and follow their children.
  for (const t of m.tops) {
    for (const leaf of leavesOf(m, t)) {
      const o = orders.get(leaf.id)!;
      expect(o.status, `status of order ${leaf.id}`).toBe(leaf.status);
      expect(o.toSnapshot().payment?.paymentId ?? null, `payment of order ${leaf.id}`).toBe(leaf.paidBy);
    }
    if (t.split) {
      const parent = orders.get(t.id)!;
      expect(parent.status, `split parent ${t.id} follows its children (ORD-5)`).toBe(parentStatus(t.leafIds.map((id) => orders.get(id)!.status)));
    }
  }
  for (const id of ids) {
    const now = orders.get(id)!.status;
    const before = m.seen.get(id);
    if (before !== undefined && before !== now) {
      const isLeaf = m.leaves.has(id);
      if (isLeaf) expect(canTransition('goods', before, now), `ORD-2: order ${id} moved ${before} → ${now}`).toBe(true);
      else expect(ORDER_STATUS_RANK[now], `ORD-2: split parent ${id} moved back ${before} → ${now}`).toBeGreaterThan(ORDER_STATUS_RANK[before]);
    }
    m.seen.set(id, now);
  }

  // INV-4: stock conservation per SKU, and the ledger balances.
  for (const s of SKU_NAMES) {
    const v = await r.zt.inventory.viewStock({ skuId: r.skus[s] });
    expect({ sku: s, locked: v.locked, sold: v.sold }).toEqual({ sku: s, locked: locked(m, s), sold: sold(m, s) });
    expect(v.total + v.sold, `SKU ${s}: received = on hand + sold`).toBe(RECEIVED[s]);
    expect(v.sellable, `SKU ${s}: sellable = received − locked − sold`).toBe(sellable(m, s));
  }
  expect(await r.zt.inventory.checkStockConsistency({ skuIds: Object.values(r.skus) })).toEqual([]);

  await inTx(r.persistence, async (tx) => {
    // §10: statuses, amounts = Σ payables, one paid payment per paid order.
    for (const p of m.payments) {
      const real = (await tx.use(PAYMENT_STORE).payments.get(p.id))!;
      expect(real.status, `payment ${p.number}`).toBe(p.status);
      const payables = Money.sum(p.orderIds.map((id) => orders.get(id)!.payable));
      expect(real.amount.toString(), `payment ${p.number}: amount = Σ of its orders' payables`).toBe(payables.toString());
      expect(real.amount.toString()).toBe(p.amount);
      if (p.status !== 'unpaid' && p.status !== 'cancelled') {
        for (const id of p.orderIds) expect(orders.get(id)!.toSnapshot().payment?.paymentId, `order ${id} paid by ${p.number}`).toBe(p.id);
      }
    }
    for (const leaf of m.leaves.values()) {
      const payers = m.payments.filter((p) => p.orderIds.includes(leaf.id) && p.status !== 'unpaid' && p.status !== 'cancelled');
      expect(
        payers.map((p) => p.id),
        `order ${leaf.id} is paid once`,
      ).toEqual(leaf.paidBy === null ? [] : [leaf.paidBy]);
    }

    // CPN-2: each coupon as the last order that took it says.
    const lastTaker = new Map<string, MTop>();
    for (const t of m.tops) {
      for (const c of t.couponIds) {
        const before = lastTaker.get(c);
        if (before) expect(couponExpectation(m, before), `coupon ${c} was taken by ${t.id} while ${before.id} held it`).toMatch(/released|returned/);
        lastTaker.set(c, t);
      }
    }
    for (const [couponId, t] of lastTaker) {
      const c = (await tx.use(COUPON_STORE).ownedCoupons.get(couponId))!.toSnapshot();
      const want = couponExpectation(m, t);
      const expired = m.now >= c.validUntil.getTime();
      const where = `coupon ${couponId} of order ${t.id} (${leavesOf(m, t)
        .map((l) => l.status)
        .join(', ')})`;
      if (want === 'released') expect(expired ? ['available', 'expired'] : ['available'], where).toContain(c.state);
      else if (want === 'returned' && expired) expect(['returned', 'used'], where).toContain(c.state);
      else expect(c.state, where).toBe(want);
      if (want !== 'released') expect(c.orderId, where).toBe(t.id);
    }

    // The cart: bought lines left it, the others stayed.
    for (const member of ['m1', 'm2'] as const) {
      const cart = await tx.use(CART_STORE).carts.get(cartIdOf({ kind: 'member', id: member }));
      const real = Object.fromEntries((cart?.lines ?? []).map((l) => [r.skuName.get(l.skuId)!, l.quantity]));
      expect(real, `cart of ${member}`).toEqual(Object.fromEntries(m.carts[member]));
    }
  });

  // PAY-1 / ORD-6: exactly the refunds the model expects reached the channel, once each.
  expect(Object.fromEntries([...r.fake.refunds].map(([id, x]) => [id, x.amount.toString()]))).toEqual(Object.fromEntries(m.refunds));
}

// ---------------------------------------------------------------------------------------------
// Commands

type Cmd = fc.AsyncCommand<Model, Real>;

/** Runs the command's action, then the jobs due now, then the invariants. */
abstract class Step implements Cmd {
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  abstract act(m: Model, r: Real): Promise<void>;
  /** Whether the jobs due run after this command (a worker that is behind is an `advance` without them). */
  protected runsJobs(): boolean {
    return true;
  }
  async run(m: Model, r: Real): Promise<void> {
    await this.act(m, r);
    if (this.runsJobs()) await settle(m, r);
    await check(m, r);
  }
  abstract toString(): string;
}

/** Records a placed order in the model: its leaves as the real split made them (their lines must add up to what was bought). */
async function recordPlaced(m: Model, r: Real, member: Member, bought: ReadonlyMap<SkuName, number>, placed: Awaited<ReturnType<Zhongtai['orders']['place']>>) {
  expect(placed.payBy).toBe(new Date(m.now + UNPAID_TIMEOUT).toISOString());
  const leafIds = placed.payableOrderIds;
  const orders = await ordersOf(r, [placed.orderId, ...leafIds]);
  const total = new Map<SkuName, number>();
  for (const id of leafIds) {
    const o = orders.get(id)!;
    const lines = new Map<SkuName, number>();
    for (const l of o.lines) {
      const s = r.skuName.get(l.skuId)!;
      lines.set(s, (lines.get(s) ?? 0) + l.quantity);
      total.set(s, (total.get(s) ?? 0) + l.quantity);
    }
    m.leaves.set(id, {
      id,
      top: placed.orderId,
      lines,
      payable: o.payable.toString(),
      payBy: m.now + UNPAID_TIMEOUT,
      status: 'pending_payment',
      paidBy: null,
      shippedAt: null,
      stockBack: false,
    });
  }
  expect(Object.fromEntries(total), 'ORD-5: the leaves hold what was bought').toEqual(Object.fromEntries(bought));
  const split = placed.children.length > 0;
  expect(leafIds, 'the leaves are the children of a split order, or the order itself').toEqual(
    split ? placed.children.map((c) => c.orderId) : [placed.orderId],
  );
  m.tops.push({ id: placed.orderId, member, split, leafIds, couponIds: [...orders.get(placed.orderId)!.benefits.couponIds] });
}

class BuyNow extends Step {
  constructor(
    readonly member: Member,
    readonly sku: SkuName,
    readonly qty: number,
  ) {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    const want = stockCode(this.qty, sellable(m, this.sku));
    const { code, value } = await codeOf(r.zt.orders.place({ memberId: this.member, consignee, buyNow: { skuId: r.skus[this.sku], quantity: this.qty } }));
    expect(code).toBe(want);
    if (value) await recordPlaced(m, r, this.member, new Map([[this.sku, this.qty]]), value);
  }
  toString(): string {
    return `buyNow(${this.member}, ${this.sku} × ${this.qty})`;
  }
}

class AddToCart extends Step {
  constructor(
    readonly member: Member,
    readonly sku: SkuName,
    readonly qty: number,
  ) {
    super();
  }
  /** CART: a line within stock is added (quantities add up), else refused. */
  static async add(m: Model, r: Real, member: Member, sku: SkuName, qty: number): Promise<void> {
    const cart = m.carts[member];
    const total = (cart.get(sku) ?? 0) + qty;
    const want = stockCode(total, sellable(m, sku));
    const { code } = await codeOf(r.zt.cart.add({ owner: { kind: 'member', id: member }, skuId: r.skus[sku], quantity: qty }));
    expect(code, `add ${sku} × ${qty} to the cart of ${member}`).toBe(want);
    if (want === null) cart.set(sku, total);
  }
  async act(m: Model, r: Real): Promise<void> {
    await AddToCart.add(m, r, this.member, this.sku, this.qty);
  }
  toString(): string {
    return `addToCart(${this.member}, ${this.sku} × ${this.qty})`;
  }
}

/** Puts 1–3 lines in the member's cart (each within stock, else refused), then places the cart. */
class PlaceCart extends Step {
  constructor(
    readonly member: Member,
    readonly lines: readonly (readonly [SkuName, number])[],
  ) {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    for (const [s, q] of this.lines) await AddToCart.add(m, r, this.member, s, q);
    const cart = m.carts[this.member];
    // Out-of-stock lines are invalid and stay in the cart; the others are bought if their quantity is still in stock.
    const valid = [...cart].filter(([s]) => sellable(m, s) > 0);
    const want = valid.length === 0 ? 'CHECKOUT.NOTHING_TO_BUY' : valid.some(([s, q]) => q > sellable(m, s)) ? 'CART.QUANTITY_LIMIT' : null;
    const { code, value } = await codeOf(r.zt.orders.place({ memberId: this.member, consignee }));
    expect(code).toBe(want);
    if (value) {
      await recordPlaced(m, r, this.member, new Map(valid), value);
      for (const [s] of valid) cart.delete(s);
    }
  }
  toString(): string {
    return `placeCart(${this.member}, ${this.lines.map(([s, q]) => `${s} × ${q}`).join(' + ') || 'as it is'})`;
  }
}

/**
 * Which order a command acts on: with intent 'fit', one the command applies to (`fits`), by its own
 * member; otherwise (or when none fits) any order, by the member the command names — the refusals.
 */
type Intent = 'fit' | 'any';

function chooseOrder(m: Model, intent: Intent, pick: number, member: Member, fits: (id: string) => boolean): { id: string; member: Member } {
  const all = targets(m);
  const fitting = intent === 'fit' ? all.filter(fits) : [];
  if (fitting.length > 0) {
    const id = fitting[pick % fitting.length]!;
    return { id, member: memberOf(m, id) };
  }
  return { id: all[pick % all.length]!, member };
}

/** The leaves a member command on `id` acts on: a split parent's children, or the order itself. */
const leavesUnder = (m: Model, id: string): MLeaf[] => {
  const top = topOf(m, id);
  return top?.split ? leavesOf(m, top) : [m.leaves.get(id)!];
};
const splitParent = (m: Model, id: string) => topOf(m, id)?.split === true;
const leafIn = (m: Model, id: string, ...statuses: OrderStatus[]) => !splitParent(m, id) && statuses.includes(m.leaves.get(id)!.status);

/** The member opens a payment (one order, or a split parent's unpaid children combined); with `deliver`, the channel's success follows at once. */
class Pay extends Step {
  constructor(
    readonly intent: Intent,
    readonly member: Member,
    readonly pick: number,
    readonly deliver: boolean,
  ) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.tops.length > 0;
  }
  async act(m: Model, r: Real): Promise<void> {
    const { id, member } = chooseOrder(m, this.intent, this.pick, this.member, (x) => leavesUnder(m, x).some((l) => l.status === 'pending_payment'));
    const under = leavesUnder(m, id);
    const toPay = splitParent(m, id) ? under.filter((l) => l.status === 'pending_payment') : under;
    const want =
      memberOf(m, id) !== member
        ? 'ORDER.NOT_FOUND'
        : toPay.some((l) => l.paidBy !== null) || (toPay.length === 0 && under.some((l) => l.paidBy !== null))
          ? 'PAYMENT.ORDER_ALREADY_PAID'
          : toPay.length === 0
            ? 'PAYMENT.INVALID_PAYMENT'
            : toPay.some((l) => l.status !== 'pending_payment')
              ? 'ORDER.INVALID_TRANSITION'
              : null;
    await openPayment(m, r, member, [id], toPay, want, this.deliver);
  }
  toString(): string {
    return `pay(${this.intent}, ${this.member}, order #${this.pick}${this.deliver ? ', callback' : ''})`;
  }
}

/**
 * Opens a payment for `toPay` by asking for `ids` (expecting `want` when nothing can be paid): an open
 * payment for exactly these orders is answered again; a new one expires at the earliest of the orders'
 * time to pay and PAY-2's timeout — one whose time to pay is already over (its timeout job is behind)
 * cannot be opened (PAYMENT.INVALID_PAYMENT). With `deliver`, the channel's success follows at once.
 */
async function openPayment(
  m: Model,
  r: Real,
  member: Member,
  ids: readonly string[],
  toPay: readonly MLeaf[],
  want: string | null,
  deliver: boolean,
): Promise<void> {
  const orderIds = toPay.map((l) => l.id).sort();
  const open = want === null ? m.payments.find((p) => p.status === 'unpaid' && p.expiresAt > m.now && p.orderIds.join() === orderIds.join()) : undefined;
  const expiresAt = Math.min(...toPay.map((l) => l.payBy), m.now + PAYMENT_TIMEOUT);
  const expected = want ?? (!open && expiresAt <= m.now ? 'PAYMENT.INVALID_PAYMENT' : null);
  const { code, value } = await codeOf(r.zt.payments.pay({ memberId: member, orderIds: [...ids], channel: 'fake' }));
  expect(code).toBe(expected);
  if (!value) return;
  expect([...value.orderIds].sort()).toEqual(orderIds);
  const amount = Money.sum(toPay.map((l) => Money.of(l.payable))).toString();
  expect(value.amount, 'a payment is for Σ of its orders payables').toBe(amount);
  expect(value.reused, 'an open payment for the same orders is answered again').toBe(open !== undefined);
  let payment = open;
  if (open) {
    expect(value.paymentId).toBe(open.id);
  } else {
    expect(value.expiresAt).toBe(new Date(expiresAt).toISOString());
    payment = { id: value.paymentId!, number: value.number!, member, orderIds, amount, expiresAt, status: 'unpaid', late: 0, refundedOrders: new Set() };
    m.payments.push(payment);
  }
  if (deliver) await deliverCallback(m, r, payment!);
}

/** One combined payment for every order of the member awaiting payment, across their orders (§10). */
class PayAll extends Step {
  constructor(
    readonly member: Member,
    readonly deliver: boolean,
  ) {
    super();
  }
  async act(m: Model, r: Real): Promise<void> {
    const toPay = [...m.leaves.values()].filter((l) => l.status === 'pending_payment' && memberOf(m, l.id) === this.member);
    if (toPay.length === 0) return;
    await openPayment(
      m,
      r,
      this.member,
      toPay.map((l) => l.id),
      toPay,
      null,
      this.deliver,
    );
  }
  toString(): string {
    return `payAll(${this.member}${this.deliver ? ', callback' : ''})`;
  }
}

/** The channel's success for payment `p` with a new transaction id, delivered: it pays, or it is late (PAY-1). */
async function deliverCallback(m: Model, r: Real, p: MPayment): Promise<void> {
  const orders = p.orderIds.map((id) => m.leaves.get(id)!);
  const pays = payableNow(m, p);
  const before = await footprint(m, r);
  const body = r.fake.callbackFor(p.number, { transactionId: `TX${++r.transactions}`, paidAt: new Date(m.now) });
  const result = await r.zt.payments.handleCallback({ channel: 'fake', body });
  expect(result).toMatchObject({ paymentId: p.id, outcome: pays ? 'paid' : 'late', replayed: false });
  m.delivered.push({ paymentId: p.id, body, outcome: pays ? 'paid' : 'late' });
  if (pays) {
    p.status = 'paid';
    for (const o of orders) {
      o.status = 'pending_shipment';
      o.paidBy = p.id;
    }
    return;
  }
  // A late success changes no order, stock or coupon: only the payment flags it (and closes, if it was open).
  const after = (await footprint(m, r)) as Record<string, unknown>;
  const b = before as Record<string, unknown>;
  for (const k of Object.keys(b)) if (k.startsWith('order:') || k.startsWith('stock:') || k.startsWith('coupon:')) expect(after[k], k).toEqual(b[k]);
  if (p.status === 'unpaid') p.status = 'cancelled';
  p.late += 1;
  m.refunds.set(`${p.number}-L${p.late}`, p.amount);
}

/** A success for `p` now pays it: it is open and every order it pays still awaits payment. */
const payableNow = (m: Model, p: MPayment) => p.status === 'unpaid' && p.orderIds.every((id) => m.leaves.get(id)!.status === 'pending_payment');

/**
 * The channel reports a success with a new transaction id. Intent 'fit': an open payment whose orders
 * all await payment (it pays them); 'any': any payment — closed, paid, or its order cancelled: late.
 */
class Callback extends Step {
  constructor(
    readonly intent: Intent,
    readonly pick: number,
  ) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.payments.length > 0;
  }
  async act(m: Model, r: Real): Promise<void> {
    const fitting = this.intent === 'fit' ? m.payments.filter((p) => payableNow(m, p)) : [];
    const list = fitting.length > 0 ? fitting : m.payments;
    const p = list[this.pick % list.length]!;
    await deliverCallback(m, r, p);
  }
  toString(): string {
    return `callback(${this.intent}, payment #${this.pick})`;
  }
}

/** PAY-1: a callback delivered before arrives again: the first answer, and nothing changes. */
class DuplicateCallback extends Step {
  constructor(readonly pick: number) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.delivered.length > 0;
  }
  async act(m: Model, r: Real): Promise<void> {
    const d = m.delivered[this.pick % m.delivered.length]!;
    await settle(m, r);
    const before = await footprint(m, r);
    const result = await r.zt.payments.handleCallback({ channel: 'fake', body: { ...d.body } });
    expect(result).toMatchObject({ paymentId: d.paymentId, outcome: d.outcome, replayed: true });
    await settle(m, r);
    expect(await footprint(m, r), 'a replayed callback changes nothing').toEqual(before);
  }
  toString(): string {
    return `duplicateCallback(#${this.pick})`;
  }
}

/** The member cancels before payment (a split parent: its unpaid children). */
class Cancel extends Step {
  constructor(
    readonly intent: Intent,
    readonly member: Member,
    readonly pick: number,
  ) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.tops.length > 0;
  }
  async act(m: Model, r: Real): Promise<void> {
    const { id, member } = chooseOrder(m, this.intent, this.pick, this.member, (x) => leavesUnder(m, x).some((l) => l.status === 'pending_payment'));
    const leaves = splitParent(m, id) ? leavesUnder(m, id).filter((l) => l.status === 'pending_payment') : leavesUnder(m, id);
    const want =
      memberOf(m, id) !== member
        ? 'ORDER.NOT_FOUND'
        : leaves.length === 0
          ? 'ORDER.SPLIT_PARENT'
          : leaves.some((l) => l.status !== 'pending_payment')
            ? 'ORDER.INVALID_TRANSITION'
            : null;
    const { code, value } = await codeOf(r.zt.orders.cancel({ memberId: member, orderId: id }));
    expect(code).toBe(want);
    if (!value) return;
    expect([...value.cancelledOrderIds].sort()).toEqual(leaves.map((l) => l.id).sort());
    for (const l of leaves) cancelLeaf(m, l);
  }
  toString(): string {
    return `cancel(${this.intent}, ${this.member}, order #${this.pick})`;
  }
}

/** Time passes: unpaid payments close (PAY-2), unpaid orders are cancelled (ORD-3), shipped ones confirmed. */
class Advance extends Step {
  constructor(
    readonly ms: number,
    readonly jobs: boolean,
  ) {
    super();
  }
  protected override runsJobs(): boolean {
    return this.jobs;
  }
  async act(m: Model, r: Real): Promise<void> {
    m.now += this.ms;
    r.clock.current = new Date(m.now);
  }
  toString(): string {
    return `advance(${this.ms >= DAY ? `${this.ms / DAY} d` : `${this.ms / MINUTE} min`}${this.jobs ? '' : ', jobs not run yet'})`;
  }
}

/** Staff ship a paid order (ORD-2 待发货 → 已发货). */
class Ship extends Step {
  constructor(
    readonly intent: Intent,
    readonly pick: number,
  ) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.tops.length > 0;
  }
  async act(m: Model, r: Real): Promise<void> {
    const { id } = chooseOrder(m, this.intent, this.pick, 'm1', (x) => leafIn(m, x, 'pending_shipment'));
    const leaf = splitParent(m, id) ? null : m.leaves.get(id)!;
    const want = leaf === null ? 'ORDER.SPLIT_PARENT' : leaf.status !== 'pending_shipment' ? 'ORDER.INVALID_TRANSITION' : null;
    const { code } = await codeOf(r.zt.fulfilment.ship({ orderId: id, carrier: 'SF', trackingNumber: `SF${this.pick}` }));
    expect(code).toBe(want);
    if (want === null) {
      leaf!.status = 'shipped';
      leaf!.shippedAt = m.now;
    }
  }
  toString(): string {
    return `ship(${this.intent}, order #${this.pick})`;
  }
}

/** The member confirms receipt (已发货 → 交易成功). */
class ConfirmReceipt extends Step {
  constructor(
    readonly intent: Intent,
    readonly member: Member,
    readonly pick: number,
  ) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.tops.length > 0;
  }
  async act(m: Model, r: Real): Promise<void> {
    const { id, member } = chooseOrder(m, this.intent, this.pick, this.member, (x) => leafIn(m, x, 'shipped'));
    const leaf = splitParent(m, id) ? null : m.leaves.get(id)!;
    const want =
      memberOf(m, id) !== member ? 'ORDER.NOT_FOUND' : leaf === null ? 'ORDER.SPLIT_PARENT' : leaf.status !== 'shipped' ? 'ORDER.INVALID_TRANSITION' : null;
    const { code } = await codeOf(r.zt.fulfilment.confirmReceipt({ memberId: member, orderId: id }));
    expect(code).toBe(want);
    if (want === null) leaf!.status = 'completed';
  }
  toString(): string {
    return `confirmReceipt(${this.intent}, ${this.member}, order #${this.pick})`;
  }
}

/** ORD-6 with the default fulfilment stage (by status) and interceptions that succeed: closed and refunded. */
class CancelPaid extends Step {
  constructor(
    readonly intent: Intent,
    readonly member: Member,
    readonly pick: number,
  ) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.tops.length > 0;
  }
  async act(m: Model, r: Real): Promise<void> {
    const { id, member } = chooseOrder(m, this.intent, this.pick, this.member, (x) => leafIn(m, x, 'pending_shipment', 'shipped'));
    const leaf = splitParent(m, id) ? null : m.leaves.get(id)!;
    const want =
      memberOf(m, id) !== member
        ? 'ORDER.NOT_FOUND'
        : leaf === null
          ? 'ORDER.SPLIT_PARENT'
          : leaf.status !== 'pending_shipment' && leaf.status !== 'shipped'
            ? 'ORDER.INVALID_TRANSITION'
            : null;
    const { code } = await codeOf(r.zt.fulfilment.cancelPaid({ by: 'member', memberId: member, orderId: id }));
    expect(code).toBe(want);
    if (want !== null) return;
    const l = leaf!;
    l.stockBack = l.status === 'pending_shipment';
    l.status = 'closed';
    const p = m.payments.find((x) => x.id === l.paidBy)!;
    p.refundedOrders.add(l.id);
    p.status = p.refundedOrders.size === p.orderIds.length ? 'refunded' : 'partially_refunded';
    m.refunds.set(`cancel-${l.id}`, l.payable);
  }
  toString(): string {
    return `cancelPaid(${this.intent}, ${this.member}, order #${this.pick})`;
  }
}

const member = fc.constantFrom<Member>('m1', 'm1', 'm2');
const sku = fc.constantFrom(...SKU_NAMES);
const qty = fc.integer({ min: 1, max: 3 });
const pick = fc.nat({ max: 1000 });
const intent = fc.constantFrom<Intent>('fit', 'fit', 'fit', 'any');
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T>[] => Array.from({ length: weight }, () => arbitrary);

/** The commands, weighted towards the ones that move orders along. */
export const orderCommands: fc.Arbitrary<Cmd>[] = [
  ...w(
    3,
    fc.tuple(member, sku, qty).map(([mm, s, q]): Cmd => new BuyNow(mm, s, q)),
  ),
  ...w(
    1,
    fc.tuple(member, sku, qty).map(([mm, s, q]): Cmd => new AddToCart(mm, s, q)),
  ),
  ...w(
    2,
    fc.tuple(member, fc.array(fc.tuple(sku, qty), { maxLength: 3 })).map(([mm, ls]): Cmd => new PlaceCart(mm, ls)),
  ),
  ...w(
    4,
    fc.tuple(intent, member, pick, fc.boolean()).map(([i, mm, p, d]): Cmd => new Pay(i, mm, p, d)),
  ),
  ...w(
    3,
    fc.tuple(intent, pick).map(([i, p]): Cmd => new Callback(i, p)),
  ),
  ...w(
    2,
    pick.map((p): Cmd => new DuplicateCallback(p)),
  ),
  ...w(
    2,
    fc.tuple(intent, member, pick).map(([i, mm, p]): Cmd => new Cancel(i, mm, p)),
  ),
  ...w(
    2,
    fc.tuple(fc.constantFrom(1, 15, 16, 30, 31, 10 * 24 * 60 + 1), fc.boolean()).map(([min, jobs]): Cmd => new Advance(min * MINUTE, jobs)),
  ),
  ...w(
    1,
    fc.tuple(member, fc.boolean()).map(([mm, d]): Cmd => new PayAll(mm, d)),
  ),
  ...w(
    2,
    fc.tuple(intent, pick).map(([i, p]): Cmd => new Ship(i, p)),
  ),
  ...w(
    2,
    fc.tuple(intent, member, pick).map(([i, mm, p]): Cmd => new ConfirmReceipt(i, mm, p)),
  ),
  ...w(
    2,
    fc.tuple(intent, member, pick).map(([i, mm, p]): Cmd => new CancelPaid(i, mm, p)),
  ),
];

// ---------------------------------------------------------------------------------------------
// The world

/**
 * The checkout world (three shops, coupons of m1 and m2) with four SKUs of small stock: SA 200.00 and
 * SH 120.00 of shop A (SA in the Hangzhou warehouse, SH only in Shanghai: a cart with both splits by
 * warehouse), SB 50.00 of shop B (per-piece freight; m1's shipping coupon), SP 9.90 of the platform.
 * m1 and m2 are registered members (membership acknowledges their paid and completed orders).
 */
export async function orderWorld(persistence: Persistence): Promise<Real> {
  const clock = { current: at(10) };
  const world = await checkoutWorld({ persistence, clock: { now: () => clock.current } });
  const zt = world.zt;
  const category = await zt.catalog.createCategory({ name: 'Small stock' });
  const product = async (code: string, price: string, brandId: string | null, warehouseId: string, units: number) => {
    const spu = await zt.catalog.createSpu({ code, title: `Product ${code}`, categoryId: category.id, salePrice: price, ...(brandId ? { brandId } : {}) });
    await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
    const skuId = spu.skus[0]!.id;
    await zt.inventory.receivePurchase({ warehouseId, skuId, location: 'S-01-01', quantity: units, fromInTransit: false, reference: `receipt-${code}` });
    return skuId;
  };
  const { hz, sh } = world.warehouses;
  const skus: Record<SkuName, string> = {
    sa: await product('SA', '200.00', world.brandA, hz, RECEIVED.sa),
    sh: await product('SH', '120.00', world.brandA, sh, RECEIVED.sh),
    sb: await product('SB', '50.00', world.brandB, hz, RECEIVED.sb),
    sp: await product('SP', '9.90', null, hz, RECEIVED.sp),
  };
  const [byPiece] = await zt.freight.listTemplates({ shopId: world.brandB });
  await zt.freight.assignTemplate({ templateId: byPiece!.id, skuIds: [skus.sb] });
  for (const memberId of ['m1', 'm2']) await zt.membership.register({ memberId });
  const fake = zt.payments.channels.get('fake') as FakePaymentChannel;
  fake.behaviour = 'never';
  return { zt, world, fake, persistence, clock, skus, skuName: new Map(SKU_NAMES.map((s) => [skus[s], s])), transactions: 0 };
}

export function emptyModel(now: Date): Model {
  return {
    now: now.getTime(),
    tops: [],
    leaves: new Map(),
    payments: [],
    delivered: [],
    carts: { m1: new Map(), m2: new Map() },
    refunds: new Map(),
    seen: new Map(),
  };
}

/**
 * The model-based suite on one persistence: `fresh` gives empty tables for each run (a new world is
 * populated on them). Runs are few on PostgreSQL, where a world takes a second to populate.
 */
export function orderModelSuite(name: string, fresh: () => Promise<Persistence>, defaultRuns: number, maxCommands = 30): void {
  // ORDER_MODEL_RUNS=500 runs a longer search once in a while.
  const runs = Number(process.env.ORDER_MODEL_RUNS ?? defaultRuns);
  describe(`orders and payments model — ${name}`, () => {
    it(`place / pay / duplicate and late callbacks / cancel / timeouts / ship / confirm / cancel after payment keep ORD-2, INV-4, §10, CPN-2 and PAY-1 (${runs} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(orderCommands, { maxCommands, size: 'max' }), async (cmds) => {
          const real = await orderWorld(await fresh());
          const model = emptyModel(real.clock.current);
          await check(model, real);
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        }),
        { numRuns: runs },
      );
    }, 900_000);
  });
}
