/** The job kinds the invoice context owns (its manifest handles them). */
export const INVOICE_JOB = {
  /** Send an invoice to the invoicing channel, or ask it again after a late answer (`IssueInvoice`). */
  ISSUE: 'invoice.issue',
} as const;
