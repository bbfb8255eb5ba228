/**
 * Builders for orders: lines with their per-line amounts (as pricing would give them), a goods or a
 * service order, a fixed verification-code source. Defaults are overridden only where a rule cares.
 */
import type { LineAmounts } from '../../../domain/ordering/amounts.js';
import { Order, type NewOrder, type OrderCommon, type OrderLine } from '../../../domain/ordering/order.js';
import type { VerificationCodes } from '../../../domain/ordering/ports.js';
import { Money } from '../../../domain/shared/money.js';

export const T0 = new Date('2025-06-18T12:00:00.000Z');
export const MINUTE = 60_000;
export const DAY = 86_400_000;
/** `minutes` after T0. */
export const at = (minutes: number): Date => new Date(T0.getTime() + minutes * MINUTE);
/** ORD-3 in the examples: 30 minutes to pay. */
export const PAY_WITHIN_MINUTES = 30;

export const m = (amount: string): Money => Money.parse(amount);

export function amounts(goods: string, d: Partial<Record<Exclude<keyof LineAmounts, 'goods'>, string>> = {}): LineAmounts {
  return {
    goods: m(goods),
    activityDiscount: m(d.activityDiscount ?? '0.00'),
    couponDiscount: m(d.couponDiscount ?? '0.00'),
    pointsDeduction: m(d.pointsDeduction ?? '0.00'),
    memberDiscount: m(d.memberDiscount ?? '0.00'),
  };
}

/** A line of `quantity` × `unitPrice` with the given discounts. */
export function aLine(
  lineId: string,
  unitPrice: string,
  quantity = 1,
  fields: Partial<OrderLine> & { discounts?: Parameters<typeof amounts>[1] } = {},
): OrderLine {
  const { discounts, ...rest } = fields;
  return {
    lineId,
    skuId: `sku-${lineId}`,
    spuId: `spu-${lineId}`,
    title: `Item ${lineId}`,
    specs: {},
    image: null,
    shopId: 'shop-a',
    quantity,
    unitPrice: m(unitPrice),
    amounts: amounts(m(unitPrice).multiply(quantity).toString(), discounts),
    ...rest,
  };
}

export const COMMON: OrderCommon = {
  memberId: 'member-1',
  memberLevel: 'VIP2',
  consignee: { name: 'Li Lei', phone: '13800000000', region: ['Zhejiang', 'Hangzhou', 'Xihu'], address: '1 Longjing Road', postcode: '310000' },
  platform: 'taotao',
  channel: 'app',
  invoice: null,
  remark: null,
};

export function newOrder(fields: Partial<NewOrder> = {}): NewOrder {
  return {
    id: 'order-1',
    number: 'SO20250618000001',
    common: COMMON,
    lines: [aLine('L1', '100.00', 2, { discounts: { activityDiscount: '10.00', couponDiscount: '5.00' } }), aLine('L2', '30.00', 1)],
    freight: m('8.00'),
    placedAt: T0,
    payBy: at(PAY_WITHIN_MINUTES),
    ...fields,
  };
}

export function aGoodsOrder(fields: Partial<NewOrder> = {}): Order {
  const o = Order.place(newOrder(fields));
  o.pullEvents();
  return o;
}

export function aServiceOrder(fields: Partial<NewOrder> = {}): Order {
  const o = Order.place(
    newOrder({
      id: 'order-s',
      number: 'SO-S-1',
      kind: 'service',
      common: { ...COMMON, consignee: null },
      lines: [aLine('S1', '199.00', 1, { shopId: 'spa-1' })],
      freight: m('0.00'),
      ...fields,
    }),
  );
  o.pullEvents();
  return o;
}

/** Codes `CODE000001`, `CODE000002` … in call order. */
export function fixedCodes(): VerificationCodes & { issued: string[] } {
  const issued: string[] = [];
  return {
    issued,
    next: () => {
      const c = `CODE${String(issued.length + 1).padStart(6, '0')}`;
      issued.push(c);
      return c;
    },
  };
}
