import { type CaseResolution, closeCase, RECONCILIATION_ERRORS, type ReconciliationCaseSnapshot } from '../../domain/reconciliation/index.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { acceptChannelPayment } from '../payment/index.js';
import type { ReconciliationDeps } from './deps.js';
import { RECONCILIATION_STORE } from './store.js';

export interface ResolveCaseCommand {
  readonly caseId: string;
  /**
   * `accept` (paid there, not here: the channel's payment is taken as the callback that never came —
   * PAY-1 pays the order, or, when it was paid already, flags it late and refunds it); `resolve` (handled
   * outside, as the note says); `write_off` (the difference is borne).
   */
  readonly action: 'accept' | 'resolve' | 'write_off';
  readonly note: string;
  /** The staff member's subject. */
  readonly by: string;
}

/**
 * Staff close an open case, in one transaction: the state table decides (a closed case is
 * RECONCILIATION.INVALID_TRANSITION), `resolve` and `write_off` need a note (RECONCILIATION.NOTE_REQUIRED),
 * `accept` only a payment the channel took that the platform does not know, of a payment number the
 * platform issued with its amount (RECONCILIATION.NOT_ACCEPTABLE). `accept` goes through the payment
 * context's callback path (`acceptChannelPayment`) in the same transaction.
 */
export class ResolveCase {
  constructor(private readonly d: ReconciliationDeps) {}

  execute(cmd: ResolveCaseCommand): Promise<ReconciliationCaseSnapshot> {
    return this.d.uow.run(async (tx) => {
      const cases = tx.use(RECONCILIATION_STORE).cases;
      const c = await cases.get(cmd.caseId);
      if (!c) throw RECONCILIATION_ERRORS.raise('CASE_NOT_FOUND', `no reconciliation case ${cmd.caseId}`, { caseId: cmd.caseId });
      const at = this.d.clock.now();
      const resolution: CaseResolution = { action: cmd.action, by: cmd.by, at, note: cmd.note, outcome: null };
      let closed = closeCase(c, resolution);
      if (cmd.action === 'accept') {
        const r = c.channelRecord!;
        try {
          const accepted = await acceptChannelPayment(tx, this.d, {
            paymentNumber: c.number,
            callback: { channel: c.channel, channelTransactionId: r.channelTransactionId ?? `${c.channel}-${c.number}`, amount: r.amount, paidAt: r.at },
            at,
          });
          closed = { ...closed, resolution: { ...resolution, note: resolution.note.trim(), outcome: accepted.outcome } };
        } catch (e) {
          if (isDomainError(e) && (e.code === 'PAYMENT.NOT_FOUND' || e.code === 'PAYMENT.AMOUNT_MISMATCH')) {
            throw RECONCILIATION_ERRORS.raise('NOT_ACCEPTABLE', `the channel's payment ${c.number} cannot be accepted: ${e.message}`, {
              caseId: c.id,
              cause: e.code,
            });
          }
          throw e;
        }
      }
      await cases.saveAll([closed]);
      return { ...closed, version: closed.version + 1 };
    });
  }
}
