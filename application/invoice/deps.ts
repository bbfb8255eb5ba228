import type { InvoicingChannel } from '../../domain/invoice/index.js';
import type { UseCaseDeps } from '../shared/deps.js';

/** What the invoice context's use cases are built with. */
export interface InvoiceDeps extends UseCaseDeps {
  /** The invoicing channel (none unless configured: invoices then wait, requested, and the issuing job retries). */
  readonly channel: InvoicingChannel | null;
  /** How long to wait before asking a channel that answered "pending" again (default 5 s). */
  readonly pollMs?: number;
}
