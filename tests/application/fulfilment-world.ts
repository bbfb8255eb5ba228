/**
 * A world for the fulfilment tests, on memory or PostgreSQL: paid orders built with the domain
 * directly (Order.place → Payment.open + handleCallback → order.pay), stock locked then deducted under
 * `<orderId>:<skuId>` as placing and paying do, saved through the transaction's repositories — so the
 * tests do not depend on the place-order use case. A manual clock, a recording payment channel and
 * configurable fulfilment ports.
 */
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { InvoiceModuleOptions } from '../../adapters/container/invoice.js';
import { FakeInvoicingChannel } from '../../adapters/channels/invoicing/fake-invoicing-channel.js';
import { depsToken } from '../../adapters/container/compose.js';
import { deductPointsForOrder } from '../../application/membership/index.js';
import type { UseCaseDeps } from '../../application/shared/deps.js';
import type { FulfilmentDeps } from '../../application/fulfilment/index.js';
import { FakeCarrierInterception, FakeWarehouseInterception, StatusFulfilmentProgress } from '../../adapters/logistics/fulfilment/fake-interception.js';
import { fakePaymentChannel, FakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
import { COUPON_STORE } from '../../application/coupon/store.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';
import { PAYMENT_STORE } from '../../application/payment/store.js';
import type { Transaction } from '../../application/shared/unit-of-work.js';
import { Order, type OrderLine, type OrderSnapshot } from '../../domain/ordering/order.js';
import { splitOrder, type SplitGroup } from '../../domain/ordering/split.js';
import { Payment, type PaymentSnapshot } from '../../domain/payment/payment.js';
import type { SalesStock } from '../../domain/inventory/sales-stock.js';
import type { Clock } from '../../domain/shared/ports.js';
import { aLine, COMMON, fixedCodes, m, newOrder } from '../domain/ordering/order-mothers.js';

export { aLine, m };
export const T0 = new Date('2025-06-18T12:00:00.000Z');
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export class ManualClock implements Clock {
  private t: number;
  constructor(at: Date) {
    this.t = at.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface PaidOrderSpec {
  readonly id: string;
  readonly memberId?: string;
  readonly kind?: 'goods' | 'service';
  readonly lines?: readonly OrderLine[];
  readonly couponIds?: readonly string[];
  /** The points the top-level order spent (its lines carry their value as `pointsDeduction`). */
  readonly points?: number;
  /** The activities whose purchase limits (限购) the order consumed. */
  readonly limitedActivityIds?: readonly string[];
  /** The invoice asked for when placing it. */
  readonly invoice?: { readonly title: string; readonly taxNumber: string | null };
}

/** Two lines by default: 2 × 100.00 of `sku-tea` (10.00 activity and 5.00 coupon discount) and 1 × 30.00 of `sku-cup`; freight 8.00 → payable 223.00. */
export const DEFAULT_LINES: readonly OrderLine[] = [
  aLine('L1', '100.00', 2, { skuId: 'sku-tea', discounts: { activityDiscount: '10.00', couponDiscount: '5.00' } }),
  aLine('L2', '30.00', 1, { skuId: 'sku-cup' }),
];

export type FulfilmentWorld = Awaited<ReturnType<typeof fulfilmentWorld>>;

export async function fulfilmentWorld(
  persistence?: Persistence,
  options: { autoConfirmAfterDays?: number; invoice?: InvoiceModuleOptions & { readonly lateMs?: number } } = {},
) {
  const clock = new ManualClock(T0);
  const jobErrors: unknown[] = [];
  const zt: Zhongtai = createZhongtai({
    ...(persistence ? { persistence } : {}),
    clock,
    ordering: { channels: [fakePaymentChannel()] },
    fulfilment: {
      progress: new StatusFulfilmentProgress(),
      warehouse: new FakeWarehouseInterception(),
      carrier: new FakeCarrierInterception(),
      ...(options.autoConfirmAfterDays !== undefined ? { autoConfirmAfterDays: options.autoConfirmAfterDays } : {}),
    },
    // The fake invoicing channel on the world's clock, answering `lateMs` late (default at once).
    invoice: { ...options.invoice, channel: options.invoice?.channel ?? new FakeInvoicingChannel({ clock, lateMs: options.invoice?.lateMs ?? 0 }) },
    jobs: { onError: (e) => void jobErrors.push(e) },
  });
  return { ...worldOn(zt, clock), jobErrors };
}

/** The helpers over a Zhongtai built elsewhere (an HTTP test server) with the default fulfilment fakes and the fake payment channel, on `clock`. */
export function worldOn(zt: Zhongtai, clock: ManualClock) {
  const fake = <T>(value: unknown, type: abstract new (...args: never[]) => T): T => {
    if (!(value instanceof type)) throw new Error('the fulfilment world needs the fake fulfilment ports and the fake payment channel');
    return value;
  };
  const deps = zt.container.get(depsToken<FulfilmentDeps>('fulfilment'));
  const progress = fake(deps.progress, StatusFulfilmentProgress);
  const warehouse = fake(deps.warehouse, FakeWarehouseInterception);
  const carrier = fake(deps.carrier, FakeCarrierInterception);
  const channel = fake(zt.payments.channels.get('fake'), FakePaymentChannel);
  const codes = fixedCodes();
  const tx = <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => zt.persistence.unitOfWork(zt.events).run(work);

  /** Every SKU the tests sell, with 100 units on hand. */
  async function stock(skuIds: readonly string[]): Promise<void> {
    await tx(async (t) => {
      for (const skuId of skuIds) {
        if (await t.use(INVENTORY_STORE).salesStocks.get(skuId)) continue;
        await t.use(INVENTORY_STORE).salesStocks.configure(skuId, {});
        await t.use(INVENTORY_STORE).salesStocks.apply({
          skuId,
          reference: `inbound:${skuId}`,
          operation: { kind: 'increase', quantity: 100 },
          movementId: `mv-in-${skuId}`,
          at: clock.now(),
        });
      }
    });
  }

  /** Locks each SKU of the leaf under `<leaf>:<sku>`, pays it with a payment of its own and deducts the locks (locked → sold). */
  async function lockPayAndSell(t: Transaction, leaves: readonly Order[], paymentId: string): Promise<Payment> {
    const at = clock.now();
    const payment = Payment.open({ id: paymentId, number: `PN-${paymentId}`, orders: leaves, createdAt: at, expiresAt: new Date(at.getTime() + 15 * MINUTE) });
    payment.handleCallback(
      { channel: 'fake', channelTransactionId: `tx-${paymentId}`, amount: payment.amount, paidAt: at },
      { receivedAt: at, ordersAwaitingPayment: true },
    );
    for (const leaf of leaves) {
      const perSku = new Map<string, number>();
      for (const l of leaf.lines) perSku.set(l.skuId, (perSku.get(l.skuId) ?? 0) + l.quantity);
      for (const [skuId, quantity] of perSku) {
        const reference = `${leaf.id}:${skuId}`;
        await t.use(INVENTORY_STORE).salesStocks.apply({ skuId, reference, operation: { kind: 'lock', quantity }, movementId: `mv-lock-${reference}`, at });
        await t
          .use(INVENTORY_STORE)
          .salesStocks.apply({ skuId, reference, operation: { kind: 'deduct', quantity, lockReference: reference }, movementId: `mv-deduct-${reference}`, at });
      }
      leaf.pay({ paymentId, at, codes });
    }
    await t.use(PAYMENT_STORE).payments.save(payment);
    return payment;
  }

  const placed = (spec: PaidOrderSpec) =>
    Order.place(
      newOrder({
        id: spec.id,
        number: `SO-${spec.id}`,
        kind: spec.kind ?? 'goods',
        common: {
          ...COMMON,
          memberId: spec.memberId ?? 'member-1',
          ...(spec.kind === 'service' ? { consignee: null } : {}),
          ...(spec.invoice ? { invoice: spec.invoice } : {}),
        },
        lines: spec.lines ?? DEFAULT_LINES,
        ...(spec.kind === 'service' ? { freight: m('0.00') } : {}),
        placedAt: clock.now(),
        payBy: new Date(clock.now().getTime() + 30 * MINUTE),
        benefits: { couponIds: spec.couponIds ?? [], points: spec.points ?? 0, limitedActivityIds: spec.limitedActivityIds ?? [] },
      }),
    );

  /** A paid top-level order (goods: pending shipment; service: pending redemption with code CODE00000n). */
  async function paidOrder(spec: PaidOrderSpec): Promise<Order> {
    const order = placed(spec);
    await stock(order.lines.map((l) => l.skuId));
    await tx(async (t) => {
      await lockPayAndSell(t, [order], `pay-${spec.id}`);
      await t.use(ORDERING_STORE).orders.save(order);
    });
    return order;
  }

  /** An unpaid order, stock locked. */
  async function unpaidOrder(spec: PaidOrderSpec): Promise<Order> {
    const order = placed(spec);
    await stock(order.lines.map((l) => l.skuId));
    await tx(async (t) => {
      for (const l of order.lines) {
        const reference = `${order.id}:${l.skuId}`;
        await t.use(INVENTORY_STORE).salesStocks.apply({
          skuId: l.skuId,
          reference,
          operation: { kind: 'lock', quantity: l.quantity },
          movementId: `mv-lock-${reference}`,
          at: clock.now(),
        });
      }
      await t.use(ORDERING_STORE).orders.save(order);
    });
    return order;
  }

  /** A parent split into one child per group (ids `<id>-1`, `<id>-2` …), every child paid with its own payment. */
  async function paidSplit(spec: PaidOrderSpec & { groups: readonly SplitGroup[] }): Promise<{ parentId: string; childIds: string[] }> {
    const parent = placed(spec);
    await stock(parent.lines.map((l) => l.skuId));
    const { children } = splitOrder(parent, spec.groups, (i) => ({ id: `${spec.id}-${i + 1}`, number: `SO-${spec.id}-${i + 1}` }), clock.now());
    await tx(async (t) => {
      for (const c of children) await lockPayAndSell(t, [c], `pay-${c.id}`);
      parent.followChildren(
        children.map((c) => c.status),
        clock.now(),
      );
      await t.use(ORDERING_STORE).orders.save(parent);
      for (const c of children) await t.use(ORDERING_STORE).orders.save(c);
    });
    return { parentId: parent.id, childIds: children.map((c) => c.id) };
  }

  /** A member's coupon (cash 5.00), locked and used by `orderId` as placing and paying do. */
  async function usedCoupon(memberId: string, orderId: string): Promise<string> {
    const template = await zt.coupons.createTemplate({
      name: 'cash 5',
      kind: 'cash',
      amount: '5.00',
      validity: { kind: 'relative', days: 30 },
      claimWindow: { startsAt: new Date(T0.getTime() - DAY), endsAt: new Date(T0.getTime() + DAY) },
      totalQuantity: 10,
    } as Parameters<typeof zt.coupons.createTemplate>[0]);
    const coupon = await zt.coupons.claim({ templateId: template.id, memberId });
    await zt.coupons.lock({ couponId: coupon.id, orderId, memberId });
    await zt.coupons.use({ couponId: coupon.id, orderId });
    return coupon.id;
  }

  /** A refund-only request of member-1's units, opened, approved and its refund issued (the jobs not run); its id. */
  async function refundOnly(orderId: string, lines: readonly { lineId: string; quantity: number }[]): Promise<string> {
    const r = await zt.afterSales.open({ memberId: 'member-1', orderId, type: 'refund_only', lines, reason: 'no_longer_wanted' });
    await zt.afterSales.review({ requestId: r.id, staffId: 'agent-1', approve: true });
    await zt.afterSales.refund({ requestId: r.id, staffId: 'agent-1' });
    return r.id;
  }

  /** The member's checkout spent `points` (worth `value`) on the order's lines (`perLine`), as placing does. */
  async function spentPoints(memberId: string, orderId: string, points: number, value: string, perLine: Readonly<Record<string, number>>): Promise<void> {
    const deps = zt.container.get(depsToken<UseCaseDeps>('membership'));
    await tx((t) => deductPointsForOrder(t, deps, { memberId, orderId, points, value, perLine }));
  }

  /** The member exists and the paid order is known to membership (what the paid notification does). */
  async function memberKnowsPaid(memberId: string, order: Order): Promise<void> {
    await zt.membership.register({ memberId });
    await zt.membership.recordPaidOrder({ orderId: order.id, memberId, paidAt: clock.now(), amount: order.payable.toString() });
  }

  async function order(id: string): Promise<OrderSnapshot> {
    const o = await tx((t) => t.use(ORDERING_STORE).orders.get(id));
    if (!o) throw new Error(`no order ${id}`);
    return o.toSnapshot();
  }
  async function payment(id: string): Promise<PaymentSnapshot> {
    const p = await tx((t) => t.use(PAYMENT_STORE).payments.get(id));
    if (!p) throw new Error(`no payment ${id}`);
    return p.toSnapshot();
  }
  async function salesStock(skuId: string): Promise<SalesStock> {
    const s = await tx((t) => t.use(INVENTORY_STORE).salesStocks.get(skuId));
    if (!s) throw new Error(`no stock ${skuId}`);
    return s;
  }
  /** Everything a refused command could have written: orders, payments, stock and its ledger, coupons, refunds at the channel, jobs. */
  async function everything(orderIds: readonly string[], skuIds: readonly string[] = ['sku-tea', 'sku-cup']) {
    return tx(async (t) => ({
      orders: await Promise.all(orderIds.map(async (id) => (await t.use(ORDERING_STORE).orders.get(id))?.toSnapshot() ?? null)),
      payments: await Promise.all(orderIds.map(async (id) => (await t.use(PAYMENT_STORE).payments.ofOrder(id)).map((p) => p.toSnapshot()))),
      stock: await Promise.all(
        skuIds.map(async (id) => ({
          stock: await t.use(INVENTORY_STORE).salesStocks.get(id),
          movements: (await t.use(INVENTORY_STORE).salesStocks.movements(id)).length,
        })),
      ),
      coupons: (await t.use(COUPON_STORE).ownedCoupons.ofMember('member-1')).map((c) => c.toSnapshot()),
      refunds: [...channel.refunds.keys()],
    }));
  }

  return {
    zt,
    clock,
    progress,
    warehouse,
    carrier,
    channel,
    codes,
    tx,
    stock,
    paidOrder,
    unpaidOrder,
    paidSplit,
    usedCoupon,
    memberKnowsPaid,
    spentPoints,
    refundOnly,
    order,
    payment,
    salesStock,
    everything,
  };
}
