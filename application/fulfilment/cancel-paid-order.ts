import {
  afterInterception,
  afterSalesOnly,
  decideCancellationAfterPayment,
  type CancellationAction,
  type FulfilmentStage,
  type OrderStatus,
} from '../../domain/ordering/index.js';
import type { Money } from '../../domain/shared/money.js';
import { changeStockOfOrders } from '../inventory/index.js';
import { closePaidOrder, orderToCancelAfterPayment, paidOrderToClose, settleClosedOrder } from '../ordering/index.js';
import { refundOrderShare } from '../payment/index.js';
import type { FulfilmentDeps } from './deps.js';

export type CancelPaidOrderCommand = { readonly orderId: string; readonly reason?: string } & (
  | { readonly by: 'staff'; readonly operator: string }
  | { readonly by: 'member'; readonly memberId: string }
);

export interface CancelPaidOrderResult {
  readonly orderId: string;
  readonly status: OrderStatus;
  /** ORD-6: the stage the cancellation was judged at, and what it meant. */
  readonly stage: FulfilmentStage;
  readonly action: CancellationAction;
  /** Whether a warehouse or carrier interception was asked for (and succeeded: otherwise nothing happened). */
  readonly intercepted: 'warehouse' | 'carrier' | null;
  /** The order's share of its payment, refunded; its money goes back through the channel by the `payment.channel-refund` job. */
  readonly refund: { readonly paymentId: string; readonly refundId: string; readonly amount: Money } | null;
  /** Sold units put back on sale (the goods never left). */
  readonly stockReturned: readonly { readonly skuId: string; readonly quantity: number }[];
  /** CPN-2: the coupons given back because the whole (top-level) order is now refunded. */
  readonly couponsReturned: readonly string[];
  readonly parentStatus: OrderStatus | null;
}

/**
 * ORD-6: cancelling a PAID order, by staff or by the member who owns it, as far as fulfilment allows.
 *
 * 1. The order is read and judged (ordering's `orderToCancelAfterPayment`): another member's order is
 *    ORDER.NOT_FOUND; an unpaid or final one ORDER.INVALID_TRANSITION; a split parent ORDER.SPLIT_PARENT.
 *    Fulfilment reports the stage (`FulfilmentProgress`) and `decideCancellationAfterPayment` says what it means.
 * 2. Signed for: ORDER.AFTER_SALES_ONLY (409). At the warehouse or shipped: the warehouse or the carrier
 *    is asked to intercept, outside any transaction (a remote call never holds a database transaction
 *    open); a failed interception is ORDER.AFTER_SALES_ONLY. In both cases nothing is written.
 * 3. Then one transaction: the order's share of its payment is refunded (payment's `refundOrderShare`,
 *    refund id `cancel-<orderId>`, so a retry refunds once, its money sent back by the durable job
 *    `payment.channel-refund`), the order closes (`cancelled_after_payment`), sold units go back on sale
 *    when the goods never left (not allocated, allocated, intercepted at the warehouse: the sales
 *    layer's `return`; a parcel the carrier brings back is received by after-sales), the split parent
 *    follows, and when the whole top-level order is now closed or cancelled its purchase limits and used
 *    coupons are returned (CPN-2) (ordering's `settleClosedOrder`).
 *
 * The order must not have changed between the judgement and the transaction (else
 * CONCURRENCY.STALE_AGGREGATE: judge again). An interception that succeeded and a transaction that then
 * failed leave the goods stopped and the order open; asking again asks the (idempotent) interception again.
 */
export class CancelPaidOrder {
  constructor(private readonly d: FulfilmentDeps) {}

  async execute(cmd: CancelPaidOrderCommand): Promise<CancelPaidOrderResult> {
    const judged = await this.d.uow.run((tx) =>
      orderToCancelAfterPayment(tx, { orderId: cmd.orderId, ...(cmd.by === 'member' ? { memberId: cmd.memberId } : {}) }),
    );
    const decision = decideCancellationAfterPayment(judged, await this.d.progress.stageOf(judged));
    if (decision.action === 'refuse') throw afterSalesOnly(judged.id, 'SIGNED');
    let intercepted: CancelPaidOrderResult['intercepted'] = null;
    if (decision.closes === 'if_intercepted') {
      const shipment = judged.toSnapshot().shipment;
      let succeeded: boolean;
      if (decision.action === 'request_warehouse_interception') {
        intercepted = 'warehouse';
        succeeded = await this.d.warehouse.intercept(judged.id);
      } else {
        intercepted = 'carrier';
        // Fulfilment may report the parcel shipped before the order records its tracking number: without
        // one the carrier cannot be asked, which is an interception that did not succeed.
        succeeded = shipment !== null && (await this.d.carrier.intercept(shipment.carrier, shipment.trackingNumber));
      }
      if (afterInterception(decision, succeeded) === 'after_sales_only') throw afterSalesOnly(judged.id, 'INTERCEPTION_FAILED');
    }

    return this.d.uow.run(async (tx) => {
      const at = this.d.clock.now();
      const paid = await paidOrderToClose(tx, { orderId: judged.id, version: judged.version });
      const reason = cmd.reason?.trim() || (cmd.by === 'member' ? 'cancelled by the member' : `cancelled by staff ${cmd.operator}`);
      const refund = await refundOrderShare(tx, { paymentId: paid.paymentId, orderId: judged.id, orderPayable: paid.payable, reason, at });
      const status = await closePaidOrder(tx, { orderId: judged.id, at });

      const stockReturned: { skuId: string; quantity: number }[] = [];
      if (decision.stock !== 'none') {
        // One return per SKU, in SKU order, as every order stock operation takes its rows (no deadlock between two orders).
        const returned = await changeStockOfOrders(
          tx,
          this.d,
          'return',
          judged.lines.map((l) => ({ orderId: judged.id, skuId: l.skuId, quantity: l.quantity })),
        );
        for (const { movement } of returned) stockReturned.push({ skuId: movement.skuId, quantity: movement.quantity });
      }
      const { parentStatus, couponsReturned } = await settleClosedOrder(tx, this.d, { orderId: judged.id, at });
      return { orderId: judged.id, status, stage: decision.stage, action: decision.action, intercepted, refund, stockReturned, couponsReturned, parentStatus };
    });
  }
}
