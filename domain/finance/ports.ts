import type { AccountTotals, TotalsQuery } from './ledger.js';
import type { Posting, PostingKind, PostingSnapshot } from './posting.js';

/** Staff search of postings: by source, kind, account, order and time [from, to), oldest first, a page at a time. */
export interface PostingSearch {
  readonly source?: string;
  readonly kind?: PostingKind;
  readonly account?: string;
  readonly orderId?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly page: number;
  readonly size: number;
}

export interface PostingPage {
  readonly items: readonly PostingSnapshot[];
  readonly page: number;
  readonly size: number;
  readonly total: number;
}

/**
 * Port: the ledger's postings, append-only. `add` writes a posting and its lines once (its source is
 * unique: a second is FINANCE.ALREADY_POSTED) and records its events; nothing updates or deletes them. On
 * PostgreSQL the database itself refuses an unbalanced posting at commit (FIN-1) and any UPDATE or
 * DELETE of postings and lines; the memory adapter checks the same in code.
 */
export interface Postings {
  add(posting: Posting): Promise<void>;
  get(id: string): Promise<PostingSnapshot | null>;
  bySource(source: string): Promise<PostingSnapshot | null>;
  search(q: PostingSearch): Promise<PostingPage>;
  /** Σ debits and Σ credits per account and currency of the lines the query selects, in account order. */
  totals(q: TotalsQuery): Promise<AccountTotals[]>;
  /** Every account some line names, in code order. */
  accountsInUse(): Promise<string[]>;
}
