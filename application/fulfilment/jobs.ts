/** The job kinds the fulfilment context owns (its manifest handles them). */
export const FULFILMENT_JOB = {
  /** Confirms receipt automatically at the `autoConfirmAt` set when shipping (`AutoConfirmReceipt`). */
  AUTO_CONFIRM: 'order.auto-confirm',
} as const;
