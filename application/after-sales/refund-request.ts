import { AFTER_SALES_ERRORS, type AfterSalesRequest, type RequestSnapshot } from '../../domain/after-sales/index.js';
import { changeStockOfOrders } from '../inventory/index.js';
import { orderForAfterSales, settleRefundedOrder, withholdRefundedUnits, type OrderForAfterSales } from '../ordering/index.js';
import { refundOrderAmount } from '../payment/index.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { AFTER_SALES_STORE } from './store.js';

/** The refund number of a request: the payment's refund id, the channel's idempotency key, membership's reference. */
export const refundNumberOf = (requestId: string): string => `afs-${requestId}`;
const requestOfRefundNumber = (refundNumber: string): string | null => (refundNumber.startsWith('afs-') ? refundNumber.slice(4) : null);

/**
 * 退款 (staff): an approved refund, or a return received, pays out — one transaction, each consequence
 * through the context that owns it:
 * - the request's refund (AFS-2: the quote, or the agent's amount, plus any freight compensation) is
 *   refunded from the order's share of its payment under `afs-<request>` (payment's `refundOrderAmount`:
 *   never more than is left of the share, PAYMENT.REFUND_EXCEEDS_PAID; the money goes back through the
 *   channel by the durable `payment.channel-refund` job). The request succeeds when the channel
 *   acknowledges it (`CompleteAfterSalesRefund`), at once when nothing is paid in cash;
 * - `after-sales.request.refund-issued` tells membership (MBR-1: growth and purchase points of the
 *   refunded amount roll back, the points the units used come back), delivered with this commit;
 * - when nothing of the order shipped, the request's units never leave: they go back on sale under
 *   `<order>:<sku>:<request>` (each request's once), and an order still awaiting shipment withholds them
 *   from its parcel (ordering's `withholdRefundedUnits`);
 * - when this refund takes the order's last units, the order is settled (ordering's
 *   `settleRefundedOrder`: closed `fully_refunded` unless completed, purchase limits released, coupons
 *   back by CPN-2).
 * The order's requests are held (`lockOrderOfRequest`) from before they are read (once, all of them) to
 * the end, so two refunds of one order take turns and exactly one of them sees the order fully refunded.
 */
export class RefundAfterSalesRequest {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly requestId: string; readonly staffId: string }): Promise<RequestSnapshot> {
    return this.d.uow.run(async (tx) => {
      const requests = tx.use(AFTER_SALES_STORE).requests;
      const orderId = await requests.lockOrderOfRequest(cmd.requestId);
      // The order's requests, read once it is held: this one among them, and what the others refunded.
      const ofOrder = orderId === null ? [] : await requests.ofOrder(orderId);
      const request = ofOrder.find((r) => r.id === cmd.requestId);
      if (!request || orderId === null)
        throw AFTER_SALES_ERRORS.raise('REQUEST_NOT_FOUND', `no after-sales request ${cmd.requestId}`, { requestId: cmd.requestId });
      const order = await orderForAfterSales(tx, orderId);
      if (!order) throw new Error(`request ${request.id} names no order ${orderId}`);
      const at = this.d.clock.now();
      const number = refundNumberOf(request.id);
      const amount = request.refund;
      request.issueRefund(number, at, { paidAt: order.paidAt, pointsOrderId: order.topOrderId });
      if (amount.isPositive()) {
        if (!order.paymentId) throw new Error(`order ${orderId} was paid without a payment, yet ${amount.toString()} is to be refunded`);
        await refundOrderAmount(tx, {
          paymentId: order.paymentId,
          orderId,
          refundId: number,
          amount,
          reason: `after-sales ${request.id} by ${cmd.staffId}`,
          at,
        });
      } else request.refunded(number, at);
      await requests.save(request);
      // Refunded before anything shipped, its units never leave: back on sale now, under the request's own
      // reference — each request's once, so the order's units come back exactly once in all.
      if (!order.shipped) await this.backOnSale(tx, order, request);
      if (whollyRefunded(order, ofOrder)) await settleRefundedOrder(tx, { orderId: order.id, at });
      // Part of an order awaiting shipment: its parcel leaves these units out (the order closes when it is all).
      else if (order.status === 'pending_shipment') await withholdRefundedUnits(tx, { orderId: order.id, lines: request.toSnapshot().quote.lines, at });
      return request.toSnapshot();
    });
  }

  private async backOnSale(tx: Transaction, order: OrderForAfterSales, request: AfterSalesRequest): Promise<void> {
    const s = request.toSnapshot();
    const skuOf = new Map(order.lines.map((l) => [l.lineId, l.skuId]));
    await changeStockOfOrders(
      tx,
      this.d,
      'return',
      s.quote.lines.map((l) => ({ orderId: order.id, skuId: skuOf.get(l.lineId)!, quantity: l.quantity, part: s.id })),
    );
  }
}

/** Whether the order's requests (this one, as it is now, among them) whose refund went out cover every unit it has. */
function whollyRefunded(order: OrderForAfterSales, requests: readonly AfterSalesRequest[]): boolean {
  const refunded = new Map<string, number>();
  for (const r of requests) {
    if (!r.refundIssued) continue;
    for (const l of r.toSnapshot().quote.lines) refunded.set(l.lineId, (refunded.get(l.lineId) ?? 0) + l.quantity);
  }
  return order.lines.every((l) => (refunded.get(l.lineId) ?? 0) >= l.quantity);
}

/**
 * The channel acknowledged a refund (`payment.refund-acknowledged`): the after-sales request it paid
 * (`afs-<request>`) succeeds. Refunds of other kinds (a cancelled order's, a late payment's) are not
 * after-sales'; a request already succeeded stays as it is, so a second delivery changes nothing.
 */
export class CompleteAfterSalesRefund {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly refundId: string }): Promise<RequestSnapshot | null> {
    const requestId = requestOfRefundNumber(cmd.refundId);
    if (requestId === null) return Promise.resolve(null);
    return this.d.uow.run(async (tx) => {
      const requests = tx.use(AFTER_SALES_STORE).requests;
      const request: AfterSalesRequest | null = await requests.get(requestId);
      if (!request) return null;
      if (request.status === 'awaiting_refund') {
        request.refunded(cmd.refundId, this.d.clock.now());
        await requests.save(request);
      }
      return request.toSnapshot();
    });
  }
}
