import type { FinanceStore } from '../../../../application/finance/store.js';
import type { AccountTotals, Posting, PostingPage, Postings, PostingSearch, PostingSnapshot, TotalsQuery } from '../../../../domain/finance/index.js';
import { Money } from '../../../../domain/shared/money.js';
import type { TxScope } from '../db.js';
import { whereGiven } from '../repositories/filters.js';
import { postingFromRow, type PostingRow } from './records.js';

/** The finance store of one PostgreSQL transaction. */
export const pgFinanceStore = (tx: TxScope): FinanceStore => ({ postings: new MikroOrmPostings(tx) });

const LINES = `(select json_agg(json_build_object('account', l.account, 'side', l.side, 'amount', l.amount::text, 'currency', l.currency, 'order_id', l.order_id) order by l.line_no)
  from ledger_line l where l.posting_id = p.id) as lines`;
const COLUMNS = `select p.id, p.source, p.kind, p.at, p.recorded_at, p.memo, p.reverses, p.by, ${LINES} from ledger_posting p`;
const SIGNED = `case l.side when 'debit' then l.amount else -l.amount end`;

/**
 * Postings on PostgreSQL: a `ledger_posting` row and its `ledger_line` rows, inserted once and never
 * changed. The database holds FIN-1 itself — a constraint trigger checks each posting's balance at
 * COMMIT — and refuses UPDATE and DELETE of either table (decision 0037). Totals are SQL aggregates.
 */
export class MikroOrmPostings implements Postings {
  constructor(private readonly tx: TxScope) {}

  async add(posting: Posting): Promise<void> {
    const s = posting.toSnapshot();
    await this.tx.rows('insert into ledger_posting (id, source, kind, at, recorded_at, memo, reverses, by) values (?, ?, ?, ?, ?, ?, ?, ?)', [
      s.id,
      s.source,
      s.kind,
      s.at,
      s.recordedAt,
      s.memo,
      s.reverses,
      s.by,
    ]);
    await this.tx.rows(
      `insert into ledger_line (posting_id, line_no, account, side, amount, currency, order_id)
       select ?, n, account, side, amount::numeric, currency, order_id
       from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality as x(account, side, amount, currency, order_id, n)`,
      [
        s.id,
        s.lines.map((l) => l.account),
        s.lines.map((l) => l.side),
        s.lines.map((l) => l.amount.toString()),
        s.lines.map((l) => l.amount.currency),
        s.lines.map((l) => l.orderId),
      ],
    );
    this.tx.record(posting.pullEvents());
  }

  async get(id: string): Promise<PostingSnapshot | null> {
    const [row] = await this.tx.rows<PostingRow>(`${COLUMNS} where p.id = ?`, [id]);
    return row ? postingFromRow(row) : null;
  }

  async bySource(source: string): Promise<PostingSnapshot | null> {
    const [row] = await this.tx.rows<PostingRow>(`${COLUMNS} where p.source = ?`, [source]);
    return row ? postingFromRow(row) : null;
  }

  async search(q: PostingSearch): Promise<PostingPage> {
    const where = whereGiven([
      ['p.source = ?', q.source],
      ['p.kind = ?', q.kind],
      ['exists (select 1 from ledger_line a where a.posting_id = p.id and a.account = ?)', q.account],
      ['exists (select 1 from ledger_line o where o.posting_id = p.id and o.order_id = ?)', q.orderId],
      ['p.at >= ?', q.from],
      ['p.at < ?', q.to],
    ]);
    const rows = await this.tx.rows<PostingRow>(`${COLUMNS}${where.sql} order by p.at, p.recorded_at, p.id collate "C" limit ? offset ?`, [
      ...where.params,
      q.size,
      (q.page - 1) * q.size,
    ]);
    const [count] = await this.tx.rows<{ n: number }>(`select count(*)::int as n from ledger_posting p${where.sql}`, where.params);
    return { items: rows.map(postingFromRow), page: q.page, size: q.size, total: count?.n ?? 0 };
  }

  async totals(q: TotalsQuery): Promise<AccountTotals[]> {
    const where = whereGiven([
      ['p.at < ?', q.before],
      ['l.account = ?', q.account],
      ['l.order_id = ?', q.orderId],
    ]);
    const join = q.before === undefined ? '' : ' join ledger_posting p on p.id = l.posting_id';
    const rows = await this.tx.rows<{ account: string; currency: string; debit: string; credit: string; balance: string }>(
      `select l.account, l.currency,
         coalesce(sum(l.amount) filter (where l.side = 'debit'), 0)::text as debit,
         coalesce(sum(l.amount) filter (where l.side = 'credit'), 0)::text as credit,
         sum(${SIGNED})::text as balance
       from ledger_line l${join}${where.sql}
       group by l.account, l.currency order by l.account collate "C", l.currency collate "C"`,
      where.params,
    );
    return rows.map((r) => ({
      account: r.account,
      currency: r.currency,
      debit: Money.of(r.debit, r.currency),
      credit: Money.of(r.credit, r.currency),
      balance: Money.of(r.balance, r.currency),
    }));
  }

  async accountsInUse(): Promise<string[]> {
    return (await this.tx.rows<{ account: string }>('select account from ledger_line group by account order by account collate "C"')).map((r) => r.account);
  }
}
