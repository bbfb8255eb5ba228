/** The job kinds the ordering context owns (its manifest handles them). */
export const ORDERING_JOB = {
  /** ORD-3: cancel the order if it is still unpaid (`ExpireUnpaidOrder`). */
  PAYMENT_TIMEOUT: 'order.payment-timeout',
} as const;
