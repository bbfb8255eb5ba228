import type { FinanceStore } from '../../../../application/finance/store.js';
import {
  checkLines,
  FINANCE_ERRORS,
  linesOf,
  type AccountTotals,
  type Posting,
  type PostingPage,
  type Postings,
  type PostingSearch,
  type PostingSnapshot,
  type TotalsQuery,
  totalsOfLines,
} from '../../../../domain/finance/index.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

const POSTINGS = 'ledgerPostings';

/** The finance store of one memory transaction. */
export const memoryFinanceStore = (tx: MemoryTransactionState): FinanceStore => ({ postings: new MemoryPostings(tx) });

type Row = PostingSnapshot & { readonly version: number };
const chronological = (a: PostingSnapshot, b: PostingSnapshot) =>
  a.at.getTime() - b.at.getTime() || a.recordedAt.getTime() - b.recordedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Postings in memory (table `ledgerPostings`), as PostgreSQL keeps them: a posting is written once, its
 * lines balanced (FIN-1, checked again here, as the database's constraint trigger does at commit), its
 * source unique (FINANCE.ALREADY_POSTED); nothing here updates or deletes one.
 */
export class MemoryPostings implements Postings {
  constructor(private readonly tx: MemoryTransactionState) {}

  async add(posting: Posting): Promise<void> {
    const s = posting.toSnapshot();
    checkLines(s.lines);
    if (this.tx.read<Row>(POSTINGS, s.id)) throw new Error(`posting ${s.id} exists: postings are append-only`);
    if (this.all().some((p) => p.source === s.source)) {
      throw FINANCE_ERRORS.raise('ALREADY_POSTED', `source ${s.source} was posted already`, { source: s.source });
    }
    this.tx.write(POSTINGS, { ...s, version: 0 });
    this.tx.record(posting.pullEvents());
  }

  async get(id: string): Promise<PostingSnapshot | null> {
    return this.strip(this.tx.read<Row>(POSTINGS, id));
  }

  async bySource(source: string): Promise<PostingSnapshot | null> {
    return this.strip(this.all().find((p) => p.source === source));
  }

  async search(q: PostingSearch): Promise<PostingPage> {
    const hits = this.all()
      .filter(
        (p) =>
          (q.source === undefined || p.source === q.source) &&
          (q.kind === undefined || p.kind === q.kind) &&
          (q.account === undefined || p.lines.some((l) => l.account === q.account)) &&
          (q.orderId === undefined || p.lines.some((l) => l.orderId === q.orderId)) &&
          (q.from === undefined || p.at >= q.from) &&
          (q.to === undefined || p.at < q.to),
      )
      .sort(chronological);
    const items = hits.slice((q.page - 1) * q.size, q.page * q.size).map((p) => this.strip(p)!);
    return { items, page: q.page, size: q.size, total: hits.length };
  }

  async totals(q: TotalsQuery): Promise<AccountTotals[]> {
    return totalsOfLines(linesOf(this.all(), q));
  }

  async accountsInUse(): Promise<string[]> {
    return [...new Set(this.all().flatMap((p) => p.lines.map((l) => l.account)))].sort();
  }

  private all(): Row[] {
    return this.tx.rows<Row>(POSTINGS);
  }

  private strip(row: Row | undefined): PostingSnapshot | null {
    if (!row) return null;
    const { version: _version, ...s } = row;
    return s;
  }
}
