import type { Transaction } from '../shared/unit-of-work.js';

/** The job kinds the payment context owns (its manifest handles them). */
export const PAYMENT_JOB = {
  /** PAY-2: close the payment if it is still unpaid (`ExpirePayment`). */
  EXPIRY: 'payment.expire',
  /** PAY-1: give back money a late or second success took (the channel refund, then `settleLateRefund`; `RefundLateCallback`). */
  LATE_REFUND: 'payment.refund-late',
  /** Gives a refund's money back through the payment channel, until the channel acknowledges (`RefundThroughChannel`). */
  CHANNEL_REFUND: 'payment.channel-refund',
} as const;

/**
 * Schedules the channel refund of `refundId` (`RefundThroughChannel`, idempotent at the channel by that
 * id). `again` names a later attempt (a failed refund notification), so it is a job of its own.
 */
export function scheduleChannelRefund(tx: Transaction, paymentId: string, refundId: string, at: Date, again?: string): Promise<void> {
  const kind = PAYMENT_JOB.CHANNEL_REFUND;
  return tx.jobs.schedule({ kind, key: again ? `${kind}:${refundId}:${again}` : `${kind}:${refundId}`, runAt: at, payload: { paymentId, refundId } });
}
