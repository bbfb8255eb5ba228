import { ACCOUNT, balanceIn, Posting, type PostingDraft, type PostingSnapshot } from '../../domain/finance/index.js';
import type { Money } from '../../domain/shared/money.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { FinanceDeps } from './deps.js';
import { FINANCE_STORE } from './store.js';

/** What posting from a source did: posted now, found posted before (a redelivery), or nothing to post. */
export interface PostResult {
  readonly posted: boolean;
  readonly posting: PostingSnapshot | null;
}

/**
 * Posts a draft once per source, in the caller's transaction: a source posted already is found and
 * nothing is written again (a redelivered event); two racing deliveries meet the unique source (the
 * loser's transaction fails with FINANCE.ALREADY_POSTED and its retry finds the posting).
 */
export async function postOnce(tx: Transaction, d: FinanceDeps, draft: PostingDraft | null): Promise<PostResult> {
  if (draft === null) return { posted: false, posting: null };
  const postings = tx.use(FINANCE_STORE).postings;
  const found = await postings.bySource(draft.source);
  if (found) return { posted: false, posting: found };
  const posting = Posting.post({ ...draft, id: d.ids.next(), recordedAt: d.clock.now() });
  await postings.add(posting);
  return { posted: true, posting: posting.toSnapshot() };
}

/** What an order's customer advances hold in `currency` (their credit balance). */
export async function advanceOf(tx: Transaction, orderId: string, currency: string): Promise<Money> {
  const totals = await tx.use(FINANCE_STORE).postings.totals({ account: ACCOUNT.CUSTOMER_ADVANCES, orderId });
  return balanceIn(totals, currency).negate();
}

/** What an order's customer advances hold, in each currency they hold some. */
export async function advancesOf(tx: Transaction, orderId: string): Promise<Money[]> {
  const totals = await tx.use(FINANCE_STORE).postings.totals({ account: ACCOUNT.CUSTOMER_ADVANCES, orderId });
  return totals.filter((t) => t.balance.isNegative()).map((t) => t.balance.negate());
}
