import { exchangeOrderId } from '../../domain/ordering/exchange-ids.js';
import { Order } from '../../domain/ordering/order.js';
import { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { lockOrderStock, settlePaidOrder, storedOrder, type HoldingDeps } from './holdings.js';
import { ORDERING_STORE } from './store.js';

/** The payment id an exchange order is "paid" with: nothing was paid, and membership and finance know it by this prefix. */
export const EXCHANGE_PAYMENT_PREFIX = 'exchange:';

/** Goods orders never draw a verification code; an exchange order is one. */
const NO_CODES = {
  next: (): string => {
    throw new Error('an exchange order is a goods order: it draws no verification code');
  },
};

/**
 * Ordering's published service for an exchange (换货, spec §11), in the caller's transaction: the new
 * units of an after-sales request ship as an order of their own — `x-<request>`, numbered
 * `<original>-X<n>`, the original's member, consignee and shop, the requested lines' SKUs at 0.00 (the
 * units were paid for on the original order, whose allocation stays as it was), no freight, no invoice —
 * placed, its stock locked and at once "paid" with nothing (`exchange:<request>`), so it stands pending
 * shipment with its stock sold, for the warehouse to ship like any order. Idempotent: the request's
 * order, once made, is answered again.
 */
export async function placeExchangeOrder(
  tx: Transaction,
  deps: HoldingDeps,
  cmd: {
    readonly orderId: string;
    readonly requestId: string;
    readonly sequence: number;
    readonly lines: readonly { readonly lineId: string; readonly quantity: number }[];
    readonly at: Date;
  },
): Promise<{ readonly orderId: string; readonly number: string }> {
  const orders = tx.use(ORDERING_STORE).orders;
  const id = exchangeOrderId(cmd.requestId);
  const made = await orders.get(id);
  if (made) return { orderId: id, number: made.number };
  const original = (await storedOrder(tx, cmd.orderId)).toSnapshot();
  const zero = Money.zero(original.currency);
  const lines = cmd.lines.map((r) => {
    const l = original.lines.find((x) => x.lineId === r.lineId);
    if (!l) throw new Error(`order ${cmd.orderId} has no line ${r.lineId} to exchange`);
    return {
      ...l,
      quantity: r.quantity,
      unitPrice: zero,
      amounts: { goods: zero, activityDiscount: zero, couponDiscount: zero, pointsDeduction: zero, memberDiscount: zero },
    };
  });
  const number = `${original.number}-X${cmd.sequence}`;
  const order = Order.place({
    id,
    number,
    kind: 'goods',
    common: { ...original.common, invoice: null, remark: `换货 exchange of order ${original.number}, after-sales request ${cmd.requestId}` },
    currency: original.currency,
    lines,
    freight: zero,
    placedAt: cmd.at,
    payBy: new Date(cmd.at.getTime() + 60_000),
    warehouseId: original.warehouseId,
  });
  await lockOrderStock(tx, deps, [order], cmd.at);
  order.pay({ paymentId: `${EXCHANGE_PAYMENT_PREFIX}${cmd.requestId}`, at: cmd.at, codes: NO_CODES });
  await orders.save(order);
  await settlePaidOrder(tx, deps, order, cmd.at);
  return { orderId: id, number };
}
