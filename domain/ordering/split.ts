import { allocate } from '../shared/allocation.js';
import { Money } from '../shared/money.js';
import { LINE_DISCOUNTS, type LineAmounts } from './amounts.js';
import { invalidSplit } from './errors.js';
import { NO_BENEFITS, Order, type OrderLine, type OrderSnapshot } from './order.js';

/**
 * One child order to make (ORD-5): the caller groups the parent's lines by shop, then by the
 * warehouse dispatch chose (DSP-1), packaging, carrier limits or value. A line may be spread over
 * several groups by quantity (some units from one warehouse, the rest from another).
 */
export interface SplitGroup {
  readonly warehouseId: string | null;
  /**
   * The child's freight as quoted for it (checkout quotes freight per shop, FRT-1): when every group
   * gives one, they are kept as they are and must add up to the parent's freight and shipping-coupon
   * deduction exactly; otherwise freight is allocated by goods total.
   */
  readonly freight?: { readonly freight: Money; readonly freightCouponDiscount: Money };
  readonly lines: readonly { readonly lineId: string; readonly quantity: number }[];
}

export interface SplitResult {
  readonly parent: Order;
  readonly children: readonly Order[];
}

/**
 * ORD-5 split (拆单), before payment. Each child copies the parent's common data (member, level,
 * consignee, platform, channel, invoice, remark), kind, placing time and time to pay (ORD-3), and
 * takes the lines and quantities of its group: per SKU line, the children's quantities add up to the
 * parent's.
 *
 * Amounts (ORD-4, decision 0003 — largest remainder, the project's one way to split, NOT "the last
 * child takes the remainder" as ORD-5's wording has it):
 * - a line that goes whole to one child keeps its amounts;
 * - a line spread over children by quantity: goods = unit price × quantity exactly; each discount
 *   (activity, coupon, points, member, in that order) is split with `allocate` in proportion to the
 *   room each part still has (its goods minus the discounts given it so far). For the first discount
 *   that is the quantity; for the next ones it stays close to it, and no part's discounts ever exceed
 *   its goods, so no child line's payable goes negative;
 * - freight is split over the children by goods total with `allocate`; the shipping coupon's
 *   deduction over the children's freight parts, so no child's deduction exceeds its freight.
 * Every amount of the children therefore sums exactly to the parent's, and so does the payable.
 *
 * The parent keeps its lines as the record of what was bought; from now on it is acted on through its
 * children, and its status follows theirs (`parentStatus`). Children are paid separately (each its own
 * payment, or one combined payment for several).
 */
export function splitOrder(parent: Order, groups: readonly SplitGroup[], newChild: (index: number) => { id: string; number: string }, at: Date): SplitResult {
  const p = parent.toSnapshot();
  if (p.parentId !== null) throw invalidSplit('ALREADY_A_CHILD', `order ${p.id} is a child order; split the parent by shop and warehouse at once`);
  if (p.childIds.length > 0) throw invalidSplit('ALREADY_SPLIT', `order ${p.id} was split already`);
  if (p.status !== 'pending_payment') throw invalidSplit('NOT_PENDING_PAYMENT', `order ${p.id} is ${p.status}; orders are split before payment`);
  if (!Array.isArray(groups) || groups.length < 2) throw invalidSplit('FEWER_THAN_TWO_GROUPS', 'a split makes at least two child orders');

  // Where each parent line goes: (group, quantity) parts, in group order.
  const parts = new Map<string, { group: number; quantity: number }[]>(p.lines.map((l) => [l.lineId, []]));
  groups.forEach((g, gi) => {
    if (!Array.isArray(g.lines) || g.lines.length === 0) throw invalidSplit('EMPTY_GROUP', `group ${gi} has no lines`, { group: gi });
    const seen = new Set<string>();
    for (const gl of g.lines) {
      const list = parts.get(gl.lineId);
      if (!list) throw invalidSplit('UNKNOWN_LINE', `order ${p.id} has no line ${gl.lineId}`, { group: gi, lineId: gl.lineId });
      if (seen.has(gl.lineId)) throw invalidSplit('DUPLICATE_LINE', `group ${gi} names line ${gl.lineId} twice`, { group: gi, lineId: gl.lineId });
      seen.add(gl.lineId);
      if (!Number.isSafeInteger(gl.quantity) || gl.quantity < 1)
        throw invalidSplit('INVALID_QUANTITY', `group ${gi}: a quantity is a whole number ≥ 1`, { group: gi, lineId: gl.lineId });
      list.push({ group: gi, quantity: gl.quantity });
    }
    const shops = new Set(g.lines.map((gl: SplitGroup['lines'][number]) => p.lines.find((l) => l.lineId === gl.lineId)!.shopId));
    if (shops.size > 1) throw invalidSplit('MIXED_SHOPS', `group ${gi} mixes shops; a child order belongs to one shop`, { group: gi, shopIds: [...shops] });
  });
  for (const l of p.lines) {
    const given = parts.get(l.lineId)!.reduce((n, x) => n + x.quantity, 0);
    if (given !== l.quantity) {
      throw invalidSplit('QUANTITIES_DO_NOT_ADD_UP', `line ${l.lineId}: the groups take ${given} of ${l.quantity}`, {
        lineId: l.lineId,
        expected: l.quantity,
        given,
      });
    }
  }

  // Child lines, in the parent's line order.
  const childLines: OrderLine[][] = groups.map(() => []);
  for (const l of p.lines) {
    const ps = parts.get(l.lineId)!;
    const amounts =
      ps.length === 1
        ? [l.amounts]
        : splitLineAmounts(
            l,
            ps.map((x) => x.quantity),
          );
    ps.forEach((x, k) => {
      childLines[x.group]!.push({ ...l, quantity: x.quantity, amounts: amounts[k]! });
    });
  }
  // Freight as quoted per group, or by goods total; the shipping coupon over the freight parts.
  let freights: Money[];
  let freightDiscounts: Money[];
  if (groups.every((g) => g.freight !== undefined)) {
    freights = groups.map((g) => g.freight!.freight);
    freightDiscounts = groups.map((g) => g.freight!.freightCouponDiscount);
    if (!Money.sum(freights, p.currency).equals(p.freight) || !Money.sum(freightDiscounts, p.currency).equals(p.freightCouponDiscount)) {
      throw invalidSplit('FREIGHT_DOES_NOT_ADD_UP', `the groups' freight does not add up to order ${p.id}'s`, { freight: p.freight.toString() });
    }
  } else {
    const goodsTotals = childLines.map((ls) =>
      Money.sum(
        ls.map((l) => l.amounts.goods),
        p.currency,
      )
        .toMinor()
        .toString(),
    );
    freights = allocate(p.freight, goodsTotals);
    freightDiscounts = allocate(
      p.freightCouponDiscount,
      freights.map((f) => f.toMinor().toString()),
    );
  }

  const ids = groups.map((_, gi) => newChild(gi));
  const distinct = new Set([p.id, ...ids.map((x) => x.id)]);
  if (distinct.size !== groups.length + 1) throw new Error('child order ids are new and distinct');
  const children = groups.map((g, gi) => {
    const snapshot: OrderSnapshot = {
      ...p,
      id: ids[gi]!.id,
      number: ids[gi]!.number,
      parentId: p.id,
      childIds: [],
      warehouseId: g.warehouseId ?? null,
      lines: childLines[gi]!,
      freight: freights[gi]!,
      freightCouponDiscount: freightDiscounts[gi]!,
      benefits: NO_BENEFITS,
      version: 0,
    };
    return Order.child(snapshot);
  });
  parent.markSplit(
    children.map((c) => c.id),
    at,
  );
  return { parent, children };
}

/** A line spread over parts by quantity: goods exactly, the discounts by the room left in each part (see `splitOrder`). */
export function splitLineAmounts(line: Pick<OrderLine, 'unitPrice' | 'amounts'>, quantities: readonly number[]): LineAmounts[] {
  const goods = quantities.map((q) => line.unitPrice.multiply(q));
  const given = goods.map((g) => g.subtract(g));
  const discounts: Record<string, Money[]> = {};
  for (const d of LINE_DISCOUNTS) {
    const room = goods.map((g, i) => g.subtract(given[i]!).toMinor().toString());
    const shares = allocate(line.amounts[d], room);
    shares.forEach((s, i) => {
      given[i] = given[i]!.add(s);
    });
    discounts[d] = shares;
  }
  return goods.map((g, i) => ({
    goods: g,
    activityDiscount: discounts.activityDiscount![i]!,
    couponDiscount: discounts.couponDiscount![i]!,
    pointsDeduction: discounts.pointsDeduction![i]!,
    memberDiscount: discounts.memberDiscount![i]!,
  }));
}
