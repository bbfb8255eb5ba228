import { FINANCE_ERRORS, Posting, reversalSource, type PostingSnapshot } from '../../domain/finance/index.js';
import type { FinanceDeps } from './deps.js';
import { FINANCE_STORE } from './store.js';

/**
 * A correction (冲销, staff): the posting is reversed by one of its own — every line on the other side, at
 * the moment of the reversal, with the reason and who asked — never changed. Once per posting
 * (FINANCE.ALREADY_REVERSED); a reversal is a posting too, and can be reversed in turn. A reason of 1–500
 * characters and the staff member: FINANCE.INVALID_REASON otherwise; no posting: FINANCE.POSTING_NOT_FOUND.
 */
export class ReversePosting {
  constructor(private readonly d: FinanceDeps) {}

  execute(cmd: { readonly postingId: string; readonly reason: string; readonly staffId: string }): Promise<PostingSnapshot> {
    return this.d.uow.run(async (tx) => {
      const reason = typeof cmd.reason === 'string' ? cmd.reason.trim() : '';
      if (reason.length === 0 || reason.length > 500) throw FINANCE_ERRORS.raise('INVALID_REASON', 'a reversal gives its reason in 1 to 500 characters');
      if (typeof cmd.staffId !== 'string' || cmd.staffId.trim().length === 0) throw FINANCE_ERRORS.raise('INVALID_REASON', 'a reversal names who asks for it');
      const postings = tx.use(FINANCE_STORE).postings;
      const original = await postings.get(cmd.postingId);
      if (!original) throw FINANCE_ERRORS.raise('POSTING_NOT_FOUND', `no posting ${cmd.postingId}`, { postingId: cmd.postingId });
      const done = await postings.bySource(reversalSource(original.id));
      if (done) {
        throw FINANCE_ERRORS.raise('ALREADY_REVERSED', `posting ${original.id} was reversed by ${done.id}`, { postingId: original.id, reversedBy: done.id });
      }
      const reversal = Posting.reverse(original, { id: this.d.ids.next(), at: this.d.clock.now(), reason, by: cmd.staffId });
      await postings.add(reversal);
      return reversal.toSnapshot();
    });
  }
}
