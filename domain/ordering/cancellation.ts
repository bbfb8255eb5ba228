import { DomainError } from '../shared/domain-error.js';
import { ORDER_ERROR } from './errors.js';
import { transitionRejection, type OrderKind, type OrderStatus } from './status.js';

export const FULFILMENT_STAGES = ['not_allocated', 'allocated', 'at_warehouse', 'shipped', 'signed'] as const;
/**
 * How far fulfilment went (§9), as ORD-6 tells the cases apart: not pre-allocated to a warehouse yet
 * (未预分仓); allocated but not sent to the warehouse (已分仓未下发); at the warehouse, not shipped
 * (已下发仓库未发货); shipped, not signed for (已发货未签收); signed for (已签收).
 */
export type FulfilmentStage = (typeof FULFILMENT_STAGES)[number];

export type CancellationAction =
  | 'cancel_and_refund'
  | 'release_allocation_and_refund'
  | 'request_warehouse_interception'
  | 'request_carrier_interception'
  | 'refuse';

export interface CancellationDecision {
  readonly stage: FulfilmentStage;
  readonly action: CancellationAction;
  /** When the order closes (交易关闭) and its payment is refunded in full: now, once the interception succeeded, or never. */
  readonly closes: 'now' | 'if_intercepted' | 'never';
  /** What happens to stock: sold stock back on sale, the warehouse allocation released, the warehouse keeps the goods it did not ship, or nothing. */
  readonly stock: 'return_to_sale' | 'release_allocation' | 'restock_at_warehouse' | 'none';
}

/** ORD-6 as data: the cancellation after payment each fulfilment stage allows. */
export const CANCELLATION_BY_STAGE = {
  not_allocated: { action: 'cancel_and_refund', closes: 'now', stock: 'return_to_sale' },
  allocated: { action: 'release_allocation_and_refund', closes: 'now', stock: 'release_allocation' },
  at_warehouse: { action: 'request_warehouse_interception', closes: 'if_intercepted', stock: 'restock_at_warehouse' },
  shipped: { action: 'request_carrier_interception', closes: 'if_intercepted', stock: 'none' },
  signed: { action: 'refuse', closes: 'never', stock: 'none' },
} as const satisfies Record<FulfilmentStage, Omit<CancellationDecision, 'stage'>>;

/**
 * ORD-6: what cancelling a PAID order means at `stage`. The order must be paid and not final (a
 * goods order pending shipment or shipped, a service order pending redemption), else
 * `ORDER.INVALID_TRANSITION` (an unpaid order is cancelled with `Order.cancel`). The stage is
 * reported by fulfilment and may be ahead of the order (the warehouse shipped, the order does not know
 * yet); a shipped order is at least at `shipped`. An unredeemed service order is cancelled and
 * refunded whatever the stage says.
 */
export function decideCancellationAfterPayment(
  order: { readonly id: string; readonly kind: OrderKind; readonly status: OrderStatus },
  stage: FulfilmentStage,
): CancellationDecision {
  const rejection = transitionRejection(order, 'closed');
  if (rejection) throw rejection;
  if (!(FULFILMENT_STAGES as readonly string[]).includes(stage)) throw new RangeError(`not a fulfilment stage: ${String(stage)}`);
  if (order.kind === 'service') return { stage: 'not_allocated', ...CANCELLATION_BY_STAGE.not_allocated };
  const effective: FulfilmentStage = order.status === 'shipped' && FULFILMENT_STAGES.indexOf(stage) < FULFILMENT_STAGES.indexOf('shipped') ? 'shipped' : stage;
  return { stage: effective, ...CANCELLATION_BY_STAGE[effective] };
}

/** After an interception was asked for: close and refund if it succeeded, else the order goes on and only after-sales remain. */
export function afterInterception(decision: CancellationDecision, succeeded: boolean): 'close_and_refund' | 'after_sales_only' {
  if (decision.closes !== 'if_intercepted') throw new Error(`${decision.action} asks for no interception`);
  return succeeded ? 'close_and_refund' : 'after_sales_only';
}

/** ORD-6: the rejection a refused cancellation answers with (signed for, or the interception failed). */
export function afterSalesOnly(orderId: string, reason: 'SIGNED' | 'INTERCEPTION_FAILED'): DomainError {
  return DomainError.conflict(ORDER_ERROR.AFTER_SALES_ONLY, `order ${orderId} can no longer be cancelled; open an after-sales request`, { orderId, reason });
}
