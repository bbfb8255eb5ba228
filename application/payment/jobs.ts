import type { Transaction } from '../shared/unit-of-work.js';

/** The job kinds the payment context owns (its manifest handles them). */
export const PAYMENT_JOB = {
  /** PAY-2: close the payment if it is still unpaid (`ExpirePayment`). */
  EXPIRY: 'payment.expire',
  /** PAY-1: give back money a late or second success took (the channel refund, then `settleLateRefund`; `RefundLateCallback`). */
  LATE_REFUND: 'payment.refund-late',
  /** Gives a refund's money back through the payment channel, until the channel acknowledges (`RefundThroughChannel`). */
  CHANNEL_REFUND: 'payment.channel-refund',
  /** PAY-2 at the channel: a closed payment is closed where it was charged too (`CloseAtChannel`). */
  CHANNEL_CLOSE: 'payment.channel-close',
} as const;

/** Schedules closing a payment that just closed here at the channel that was asked to collect it (none: nothing to do). */
export async function scheduleChannelClose(tx: Transaction, p: { readonly id: string; readonly channel?: string }, at: Date): Promise<void> {
  if (!p.channel) return;
  const kind = PAYMENT_JOB.CHANNEL_CLOSE;
  await tx.jobs.schedule({ kind, key: `${kind}:${p.id}`, runAt: at, payload: { paymentId: p.id } });
}

/**
 * Schedules the channel refund of `refundId` (`RefundThroughChannel`, idempotent at the channel by that
 * id). `again` names a later attempt (a failed refund notification), so it is a job of its own.
 */
export function scheduleChannelRefund(tx: Transaction, paymentId: string, refundId: string, at: Date, again?: string): Promise<void> {
  const kind = PAYMENT_JOB.CHANNEL_REFUND;
  return tx.jobs.schedule({ kind, key: again ? `${kind}:${refundId}:${again}` : `${kind}:${refundId}`, runAt: at, payload: { paymentId, refundId } });
}
