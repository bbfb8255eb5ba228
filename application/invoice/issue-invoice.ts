import type { IssueAnswer, IssueRequest } from '../../domain/invoice/index.js';
import type { InvoiceDeps } from './deps.js';
import { afterRedIssued, followKept } from './follow.js';
import { INVOICE_STORE } from './store.js';

const DEFAULT_POLL_MS = 5_000;

/**
 * The handler of `invoice.issue`: sends a requested (or failed) invoice to the invoicing channel and
 * records its answer, around the call in two transactions of their own:
 * 1. the invoice moves to issuing, every send counted (a run that finds it issuing already — a crash, a
 *    late answer, an unreachable channel — sends it again);
 * 2. the channel's answer: issued (a blue one then follows what the order keeps by now, `followKept`; a red
 *    one red-flushes its blue one and requests the remainder, `afterRedIssued`); rejected: failed, until
 *    the buyer edits it or staff retry it; pending: asked again after `pollMs` (`notBefore`). When the
 *    channel cannot be reached, whether it issued is unknown: the invoice stays issuing with the error
 *    kept, and the error is rethrown so the runner retries with backoff. The channel is idempotent by the
 *    invoice's id: asking again never issues a second fapiao.
 */
export class IssueInvoice {
  constructor(private readonly d: InvoiceDeps) {}

  async execute(cmd: { readonly invoiceId: string }): Promise<{ readonly notBefore?: Date }> {
    const channel = this.d.channel;
    if (!channel) throw new Error(`no invoicing channel is configured: invoice ${cmd.invoiceId} waits, requested`);
    const request = await this.d.uow.run(async (tx) => {
      const invoices = tx.use(INVOICE_STORE).invoices;
      const invoice = await invoices.get(cmd.invoiceId);
      if (!invoice || !['requested', 'failed', 'issuing'].includes(invoice.status)) return null;
      invoice.startIssuing(this.d.clock.now());
      await invoices.save(invoice);
      const s = invoice.toSnapshot();
      const reversed = s.reverses === null ? null : await invoices.get(s.reverses);
      return {
        requestNumber: s.id,
        kind: s.kind,
        buyer: s.buyer,
        issuer: s.issuer,
        currency: s.currency,
        lines: s.lines,
        amount: s.amount,
        tax: s.tax,
        reverses: reversed?.toSnapshot().fapiao ?? null,
      } satisfies IssueRequest;
    });
    if (!request) return {};
    let answer: IssueAnswer;
    try {
      answer = await channel.issue(request);
    } catch (error) {
      await this.d.uow.run(async (tx) => {
        const invoices = tx.use(INVOICE_STORE).invoices;
        const invoice = await invoices.get(cmd.invoiceId);
        if (invoice?.status !== 'issuing') return;
        invoice.unreachable(`channel ${channel.name} unreachable: ${(error as Error).message}`, this.d.clock.now());
        await invoices.save(invoice);
      });
      throw error;
    }
    if (answer.outcome === 'pending') return { notBefore: new Date(this.d.clock.now().getTime() + (this.d.pollMs ?? DEFAULT_POLL_MS)) };
    await this.record(cmd.invoiceId, answer);
    return {};
  }

  private record(invoiceId: string, answer: Exclude<IssueAnswer, { outcome: 'pending' }>): Promise<void> {
    return this.d.uow.run(async (tx) => {
      const invoices = tx.use(INVOICE_STORE).invoices;
      const invoice = await invoices.get(invoiceId);
      if (invoice?.status !== 'issuing') return; // recorded by another run already
      const at = this.d.clock.now();
      if (answer.outcome === 'rejected') {
        invoice.failed(answer.reason, at);
        await invoices.save(invoice);
        return;
      }
      invoice.issued(answer.fapiao, at);
      await invoices.save(invoice);
      if (invoice.toSnapshot().kind === 'red') await afterRedIssued(tx, this.d, invoice);
      else await followKept(tx, this.d, invoice.toSnapshot().orderId);
    });
  }
}
