/** The job kinds the after-sales context owns (its manifest handles them). */
export const AFTER_SALES_JOB = {
  /** Close a return or exchange whose goods were not shipped back in time (`ExpireUnshippedReturn`). */
  SHIP_BACK_TIMEOUT: 'after-sales.ship-back-timeout',
} as const;
