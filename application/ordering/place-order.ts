import { crossBorderNotSupported, ORDER_ERROR } from '../../domain/ordering/errors.js';
import { pointsOfLines } from '../../domain/ordering/amounts.js';
import { Order, type OrderLine } from '../../domain/ordering/order.js';
import { splitOrder } from '../../domain/ordering/split.js';
import { riskRejection } from '../../domain/risk/index.js';
import { consigneeRejection, memberIdRejection } from '../../domain/ordering/new-order.js';
import { DomainError, isDomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import { removeOrderedLines } from '../cart/index.js';
import type { CheckoutPreview } from '../checkout/index.js';
import { deductPointsForOrder } from '../membership/index.js';
import { consumePurchaseLimit } from '../promotion/index.js';
import { lockCouponsForOrder } from '../coupon/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { checkIdempotencyKey } from '../shared/idempotency.js';
import type { OrderingDeps } from './deps.js';
import { lockOrderStock, scheduleUnpaidTimeout } from './holdings.js';
import type { PlacedOrder, PlacedOrderPart, PlaceOrderCommand, PlaceOrderResult } from './place-order-command.js';
import { ORDERING_STORE } from './store.js';

export type { PlaceOrderCommand, PlacedOrderPart, PlacedOrder, PlaceOrderResult } from './place-order-command.js';

const DEFAULT_UNPAID_TIMEOUT_MS = 30 * 60_000;

/**
 * 下单 (issue #6 item 2). One transaction, so if anything fails nothing is written and nothing stays
 * locked:
 * 1. an idempotency key seen before answers with the first result (another request under it: 409);
 * 2. the checkout preview again, inside this transaction: every input loaded, then the pure quote (PRM-3:
 *    lines, activities, freight, coupons, points, dispatch and the child orders by shop then warehouse);
 * 3. the price the member saw, if given, must still hold (`ORDER.PRICE_CHANGED`);
 * 4. risk control (spec §16: blacklists at placement);
 * 5. `Order.place` (ORD-1 amounts per line from pricing) and its split (ORD-5) with freight as quoted per shop;
 * 6. reserved through the other contexts' published services: the member's coupons locked, points
 *    deducted, purchase limits consumed (all keyed by the order, so cancelling gives them back);
 * 7. the bought lines leave the cart; the orders are saved; the unpaid timeout (ORD-3) is scheduled as a durable job;
 * 8. the stock of every line locked last (INV-3, in SKU order), so hot stock rows are held the shortest.
 */
export class PlaceOrder {
  constructor(private readonly deps: OrderingDeps) {}

  async execute(cmd: PlaceOrderCommand): Promise<PlaceOrderResult> {
    checkCommand(cmd);
    try {
      return await this.attempt(cmd);
    } catch (e) {
      // Another request with this idempotency key committed while ours ran: ours rolled back; now it answers that order.
      if (isDomainError(e) && e.code === 'CONCURRENCY.BUSY' && e.details.idempotencyKey === cmd.idempotencyKey) return this.attempt(cmd);
      throw e;
    }
  }

  private attempt(cmd: PlaceOrderCommand): Promise<PlaceOrderResult> {
    return this.deps.uow.run(async (tx) => {
      const scope = `place-order:${cmd.memberId}`;
      const fingerprint = fingerprintOf(cmd);
      if (cmd.idempotencyKey !== undefined) {
        const first = await tx.idempotency.get(scope, cmd.idempotencyKey);
        if (first) return replay(first, fingerprint, cmd.idempotencyKey);
      }
      const placed = await this.place(tx, cmd);
      if (
        cmd.idempotencyKey !== undefined &&
        !(await tx.idempotency.put(scope, cmd.idempotencyKey, { fingerprint, response: placed }, this.deps.clock.now()))
      ) {
        // A concurrent request with this key committed first: roll ours back; its retry answers with that one's result.
        throw DomainError.conflict('CONCURRENCY.BUSY', 'the same request is being placed right now; retry', {
          retryable: true,
          idempotencyKey: cmd.idempotencyKey,
        });
      }
      return { ...placed, replayed: false };
    });
  }

  private async place(tx: Transaction, cmd: PlaceOrderCommand): Promise<PlacedOrder> {
    // The order is written at the prices and rules read below: none of them may have gone stale by COMMIT.
    tx.requireFreshReads();
    const now = this.deps.clock.now();
    const preview = await this.deps.preview.inTransaction(tx, {
      memberId: cmd.memberId,
      address: cmd.consignee.district,
      crossBorder: cmd.crossBorder,
      ...(cmd.buyNow ? { buyNow: cmd.buyNow } : {}),
      ...(cmd.coupons !== undefined ? { coupons: cmd.coupons } : {}),
      ...(cmd.points !== undefined ? { points: cmd.points } : {}),
      ...(cmd.channel ? { channel: cmd.channel } : {}),
      ...(cmd.level ? { level: cmd.level } : {}),
    });
    const payable = preview.totals.payable;
    if (cmd.expectedPayable !== undefined && !Money.of(cmd.expectedPayable, payable.currency).equals(payable)) {
      throw DomainError.conflict(
        ORDER_ERROR.PRICE_CHANGED,
        `the order now costs ${payable.toString()}, not ${cmd.expectedPayable}; review it and place it again`,
        {
          expected: cmd.expectedPayable,
          actual: payable.toString(),
        },
      );
    }
    const verdict = await this.deps.risk.assessOrder({
      memberId: cmd.memberId,
      phone: cmd.consignee.phone,
      district: preview.address,
      payable,
      skuIds: preview.lines.map((l) => l.skuId),
    });
    const rejection = riskRejection(verdict);
    if (rejection) throw rejection;

    const { parent, children } = this.buildOrders(cmd, preview, now);
    const top = parent.id;
    const leaves = children.length > 0 ? children : [parent];

    await lockCouponsForOrder(tx, { couponIds: parent.benefits.couponIds, orderId: top, at: now });
    if (parent.benefits.points > 0) {
      await deductPointsForOrder(tx, this.deps, {
        memberId: cmd.memberId,
        orderId: top,
        points: parent.benefits.points,
        value: parent.amounts.pointsDeduction.toString(),
        perLine: pointsOfLines(parent.benefits.points, parent.lines),
      });
    }
    for (const a of preview.pricing.activities.filter((x) => parent.benefits.limitedActivityIds.includes(x.id))) {
      const units = a.family === 'item_price' ? preview.lines.filter((l) => a.lineIds.includes(l.lineId)).reduce((n, l) => n + l.quantity, 0) : 1;
      await consumePurchaseLimit(tx, { activityId: a.id, memberId: cmd.memberId, reference: top, quantity: units }, now);
    }
    if (preview.source === 'cart')
      await removeOrderedLines(
        tx,
        cmd.memberId,
        preview.lines.map((l) => l.skuId),
        now,
      );
    for (const o of [parent, ...children]) await tx.use(ORDERING_STORE).orders.save(o);
    for (const leaf of leaves) await scheduleUnpaidTimeout(tx, leaf);
    await lockOrderStock(tx, this.deps, leaves, now);

    const part = (o: Order): PlacedOrderPart => ({
      orderId: o.id,
      number: o.number,
      shopId: o.toSnapshot().shopId,
      warehouseId: o.toSnapshot().warehouseId,
      payable: o.payable.toString(),
    });
    return {
      ...part(parent),
      memberId: cmd.memberId,
      currency: preview.currency,
      placedAt: now.toISOString(),
      payBy: parent.toSnapshot().payBy.toISOString(),
      children: children.map(part),
      payableOrderIds: leaves.map((o) => o.id),
    };
  }

  /** The order from the preview's lines (ORD-1 per line), split into the preview's child orders (ORD-5). */
  private buildOrders(cmd: PlaceOrderCommand, preview: CheckoutPreview, now: Date): { parent: Order; children: readonly Order[] } {
    const currency = preview.currency;
    const zero = Money.zero(currency);
    if (preview.crossBorder) throw crossBorderNotSupported(preview.lines.filter((l) => l.crossBorder).map((l) => l.skuId));
    const lines: OrderLine[] = preview.lines.map((l) => ({
      lineId: l.lineId,
      skuId: l.skuId,
      spuId: l.spuId,
      title: l.title,
      specs: l.specs,
      image: null,
      shopId: l.shopId,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      amounts: {
        goods: l.subtotal,
        activityDiscount: l.itemPriceDiscount.add(l.activityDiscount),
        couponDiscount: l.couponDiscount,
        pointsDeduction: l.pointsAmount,
        memberDiscount: zero,
      },
    }));
    const limited = new Set(preview.pricing.limitedActivityIds);
    const id = this.deps.ids.next();
    const number = orderNumber(now, id);
    const single = preview.childOrders.length === 1 ? preview.childOrders[0]! : null;
    const parent = Order.place({
      id,
      number,
      kind: 'goods',
      currency,
      lines,
      common: {
        memberId: cmd.memberId,
        memberLevel: cmd.level ?? null,
        consignee: {
          name: cmd.consignee.name.trim(),
          phone: cmd.consignee.phone.trim(),
          region: [preview.address],
          address: cmd.consignee.address.trim(),
          postcode: cmd.consignee.postcode ?? null,
        },
        platform: cmd.platform ?? 'zhongtai',
        channel: cmd.channel ?? 'app',
        invoice: cmd.invoice ?? null,
        remark: cmd.remark ?? null,
      },
      freight: Money.sum(
        preview.lines.map((l) => l.freight),
        currency,
      ),
      freightCouponDiscount: Money.sum(
        preview.lines.map((l) => l.freightDeduction),
        currency,
      ),
      placedAt: now,
      payBy: new Date(now.getTime() + (this.deps.unpaidTimeoutMs ?? DEFAULT_UNPAID_TIMEOUT_MS)),
      warehouseId: single?.warehouseId ?? null,
      benefits: {
        couponIds: preview.pricing.coupons.map((c) => c.id),
        points: preview.pricing.pointsUsed,
        limitedActivityIds: preview.pricing.activities.filter((a) => limited.has(a.id)).map((a) => a.id),
      },
    });
    if (!parent.payable.equals(preview.totals.payable))
      throw new Error(`ORD-1: order payable ${parent.payable.toString()} ≠ checkout ${preview.totals.payable.toString()}`);
    if (preview.childOrders.length < 2) return { parent, children: [] };
    const { children } = splitOrder(
      parent,
      preview.childOrders.map((c) => ({
        warehouseId: c.warehouseId,
        lines: c.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
        freight: { freight: c.amounts.freight, freightCouponDiscount: c.amounts.freightDeduction },
      })),
      (i) => ({ id: this.deps.ids.next(), number: `${number}-${i + 1}` }),
      now,
    );
    return { parent, children };
  }
}

/**
 * An order number people can read out: the placing day (UTC) and 12 digits from the order id's
 * randomness. Unique by the table's constraint; a clash (about one in 10¹² a day) fails the placing, which the client retries.
 */
export function orderNumber(at: Date, id: string): string {
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  const hex = id
    .replace(/[^0-9a-f]/gi, '')
    .slice(-12)
    .padStart(12, '0');
  return `${day}${(BigInt(`0x${hex}`) % 10n ** 12n).toString().padStart(12, '0')}`;
}

function replay(first: { fingerprint: string; response: unknown }, fingerprint: string, key: string): PlaceOrderResult {
  if (first.fingerprint !== fingerprint) {
    throw DomainError.conflict(ORDER_ERROR.IDEMPOTENCY_KEY_REUSED, `idempotency key ${key} was used for another order`, { idempotencyKey: key });
  }
  return { ...(first.response as PlacedOrder), replayed: true };
}

/** The request as data, keys sorted, without the key itself: what "the same request" means. */
function fingerprintOf(cmd: PlaceOrderCommand): string {
  const { idempotencyKey: _, ...rest } = cmd;
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .flatMap((k) => ((v as Record<string, unknown>)[k] === undefined ? [] : [[k, canonical((v as Record<string, unknown>)[k])]])),
          )
        : v;
  return JSON.stringify(canonical(rest));
}

/**
 * The command, checked before anything is read (library callers get a stable code, not a failure deep
 * inside): the member and the consignee by the order's own rules (domain/ordering/new-order.ts, which
 * the aggregate holds as invariants too), then what only the command has — its idempotency key and the
 * payable the member saw.
 */
function checkCommand(cmd: PlaceOrderCommand): void {
  const rejection = memberIdRejection(cmd.memberId, 'memberId') ?? consigneeRejection(cmd.consignee, 'consignee');
  if (rejection) throw rejection;
  checkIdempotencyKey(cmd.idempotencyKey);
  if (cmd.expectedPayable !== undefined && !(typeof cmd.expectedPayable === 'string' && /^\d{1,13}(\.\d{1,2})?$/.test(cmd.expectedPayable))) {
    throw DomainError.invalid(ORDER_ERROR.INVALID_ORDER, 'the expected payable is an amount like "128.00"', { field: 'expectedPayable', reason: 'INVALID' });
  }
}
