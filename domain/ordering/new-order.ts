import type { DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { checkFreight, checkLineAmounts } from './amounts.js';
import { invalidAmounts, invalidOrder } from './errors.js';
import type { NewOrder, OrderBenefits, OrderSnapshot } from './order-state.js';
import { ORDER_KINDS } from './status.js';

/**
 * The rules of a new order, each in one place (issue #13): the aggregate checks them as invariants when
 * an order is placed, split or restored; `PlaceOrder` checks the command's member and consignee with the
 * same rules before it reads anything (a library caller gets the same answer either way).
 */

/** An order that used no coupons, points or limited activities. */
export const NO_BENEFITS: OrderBenefits = { couponIds: [], points: 0, limitedActivityIds: [] };

const PHONE = /^\+?[0-9][0-9 -]{4,22}$/;

/** An order belongs to a member: an id of 1 to 64 characters (`ORDER.INVALID_ORDER`, reason MISSING, at `field`). */
export function memberIdRejection(memberId: unknown, field: string): DomainError | null {
  return text(memberId, 64) ? null : invalidOrder(field, 'MISSING', 'an order is placed by a member');
}

/**
 * A goods order ships to a consignee with a name of 1 to 60 characters, a phone number and a street
 * address of 1 to 300 characters (`ORDER.INVALID_ORDER` at `field` or its part; blanks around are ignored).
 */
export function consigneeRejection(consignee: unknown, field: string): DomainError | null {
  if (!consignee || typeof consignee !== 'object') return invalidOrder(field, 'MISSING', 'a goods order ships to a consignee');
  const c = consignee as { readonly name?: unknown; readonly phone?: unknown; readonly address?: unknown };
  if (!text(c.name, 60)) return invalidOrder(`${field}.name`, 'INVALID', 'the consignee has a name of 1 to 60 characters');
  if (typeof c.phone !== 'string' || !PHONE.test(c.phone.trim())) return invalidOrder(`${field}.phone`, 'INVALID', 'the consignee has a phone number');
  if (!text(c.address, 300)) return invalidOrder(`${field}.address`, 'INVALID', 'the consignee has a street address of 1 to 300 characters');
  return null;
}

function throwIf(rejection: DomainError | null): void {
  if (rejection) throw rejection;
}

function checkBenefits(b: OrderBenefits): OrderBenefits {
  const ids = (v: unknown) => Array.isArray(v) && v.every((id) => text(id, 64));
  if (!ids(b.couponIds) || !ids(b.limitedActivityIds) || !Number.isSafeInteger(b.points) || b.points < 0) {
    throw invalidOrder('benefits', 'INVALID_BENEFITS', 'benefits are coupon and activity ids and a whole number of points from 0');
  }
  return { couponIds: [...b.couponIds], points: b.points, limitedActivityIds: [...b.limitedActivityIds] };
}

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** The invariants of a new order (placed, or a child of a split): lines, quantities, shops, amounts. */
export function checkNewOrder(input: NewOrder): OrderSnapshot {
  if (!text(input.id, 64)) throw invalidOrder('id', 'INVALID_ID');
  if (!text(input.number, 64)) throw invalidOrder('number', 'INVALID_NUMBER');
  const kind = input.kind ?? 'goods';
  if (!(ORDER_KINDS as readonly string[]).includes(kind)) throw invalidOrder('kind', 'UNKNOWN_KIND');
  const c = input.common;
  if (c === null || typeof c !== 'object') throw invalidOrder('common.memberId', 'MISSING', 'an order is placed by a member');
  throwIf(memberIdRejection(c.memberId, 'common.memberId'));
  if (kind === 'goods') throwIf(consigneeRejection(c.consignee, 'common.consignee'));
  if (!Array.isArray(input.lines) || input.lines.length === 0) throw invalidOrder('lines', 'EMPTY', 'an order has at least one line');
  if (input.lines.length > 200) throw invalidOrder('lines', 'TOO_MANY', 'an order has at most 200 lines');
  if (!(input.freight instanceof Money)) throw invalidAmounts('freight', 'NOT_AN_AMOUNT');
  const currency = input.currency ?? input.freight.currency;
  const ids = new Set<string>();
  for (const l of input.lines) {
    if (!text(l.lineId, 64)) throw invalidOrder('lines.lineId', 'INVALID_ID');
    if (ids.has(l.lineId)) throw invalidOrder(`lines[${l.lineId}]`, 'DUPLICATE_LINE');
    ids.add(l.lineId);
    if (!text(l.skuId, 64) || !text(l.shopId, 64)) throw invalidOrder(`lines[${l.lineId}]`, 'MISSING_SKU_OR_SHOP');
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > 1_000_000) throw invalidOrder(`lines[${l.lineId}].quantity`, 'INVALID_QUANTITY');
    checkLineAmounts(l, currency);
  }
  const freightCouponDiscount = input.freightCouponDiscount ?? Money.zero(currency);
  checkFreight(input.freight, freightCouponDiscount, currency);
  if (!(input.payBy.getTime() > input.placedAt.getTime())) throw invalidOrder('payBy', 'NOT_AFTER_PLACING', 'the time to pay ends after the order is placed');
  const shops = new Set(input.lines.map((l) => l.shopId));
  return {
    id: input.id,
    number: input.number,
    kind,
    parentId: null,
    childIds: [],
    shopId: shops.size === 1 ? input.lines[0]!.shopId : null,
    warehouseId: input.warehouseId ?? null,
    common: c,
    currency,
    lines: input.lines,
    freight: input.freight,
    freightCouponDiscount,
    status: 'pending_payment',
    placedAt: input.placedAt,
    payBy: input.payBy,
    payment: null,
    verification: null,
    shipment: null,
    receipt: null,
    cancellation: null,
    closure: null,
    benefits: checkBenefits(input.benefits ?? NO_BENEFITS),
    completedAt: null,
    updatedAt: input.placedAt,
    version: 0,
  };
}
