/** The job kinds the payment context owns (its manifest handles them). */
export const PAYMENT_JOB = {
  /** PAY-2: close the payment if it is still unpaid (`ExpirePayment`). */
  EXPIRY: 'payment.expire',
  /** PAY-1: give back money a late or second success took (the channel refund, then `settleLateRefund`; `RefundLateCallback`). */
  LATE_REFUND: 'payment.refund-late',
  /** Gives a refund's money back through the payment channel, until the channel acknowledges (`RefundThroughChannel`). */
  CHANNEL_REFUND: 'payment.channel-refund',
} as const;
