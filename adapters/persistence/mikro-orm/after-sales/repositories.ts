import type { AfterSalesStore } from '../../../../application/after-sales/store.js';
import {
  AfterSalesRequest,
  type AfterSalesRequests,
  type AfterSalesSettings,
  type AfterSalesWindow,
  type RequestSearch,
} from '../../../../domain/after-sales/index.js';
import type { TxScope } from '../db.js';
import { whereGiven } from '../repositories/filters.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';
import { AfterSalesRequestRecord, afterSalesRequestFromRow, afterSalesRequestRecord, type AfterSalesRequestRow } from './records.js';

/** The after-sales store of one PostgreSQL transaction. */
export const pgAfterSalesStore = (tx: TxScope): AfterSalesStore => ({
  requests: new MikroOrmAfterSalesRequests(tx),
  settings: new MikroOrmAfterSalesSettings(tx),
});

/** The advisory lock space of after-sales orders ("afs"), beside the migrations' own lock. */
const ORDER_LOCK_SPACE = 0x616673;

/** After-sales requests on PostgreSQL: one `after_sales_request` row each, the snapshot as jsonb. */
export class MikroOrmAfterSalesRequests implements AfterSalesRequests {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<AfterSalesRequest | null> {
    const [row] = await this.tx.rows<AfterSalesRequestRow>('select snapshot, version from after_sales_request where id = ?', [id]);
    return row ? AfterSalesRequest.restore(afterSalesRequestFromRow(row)) : null;
  }

  async save(request: AfterSalesRequest): Promise<void> {
    const s = request.toSnapshot();
    request.markSaved(await saveVersionedRow(this.tx, AfterSalesRequestRecord, 'after-sales requests', s.version, afterSalesRequestRecord(s, s.version + 1)));
    this.tx.record(request.pullEvents());
  }

  async ofOrder(orderId: string): Promise<AfterSalesRequest[]> {
    return this.list('select snapshot, version from after_sales_request where order_id = ? order by opened_at, id collate "C"', [orderId]);
  }

  async ofMember(memberId: string): Promise<AfterSalesRequest[]> {
    return this.list('select snapshot, version from after_sales_request where member_id = ? order by opened_at desc, id collate "C" desc', [memberId]);
  }

  async search(q: RequestSearch): Promise<AfterSalesRequest[]> {
    const where = whereGiven([
      ['status = ?', q.status],
      ['type = ?', q.type],
      ['shop_id = ?', q.shopId],
      ['order_id = ?', q.orderId],
      ['opened_at >= ?', q.from],
      ['opened_at < ?', q.to],
    ]);
    return this.list(`select snapshot, version from after_sales_request${where.sql} order by opened_at desc, id collate "C" desc limit ?`, [
      ...where.params,
      q.limit,
    ]);
  }

  /** `pg_advisory_xact_lock` on (after-sales, the order): held until the transaction ends. */
  async lockOrder(orderId: string): Promise<void> {
    await this.tx.rows('select pg_advisory_xact_lock(?::int4, hashtext(?))', [ORDER_LOCK_SPACE, orderId]);
  }

  /** The same lock, its key read from the request's row by the statement that takes it. */
  async lockOrderOfRequest(requestId: string): Promise<string | null> {
    const [row] = await this.tx.rows<{ order_id: string }>(
      'select order_id, pg_advisory_xact_lock(?::int4, hashtext(order_id)) from after_sales_request where id = ?',
      [ORDER_LOCK_SPACE, requestId],
    );
    return row?.order_id ?? null;
  }

  private async list(sql: string, params: unknown[]): Promise<AfterSalesRequest[]> {
    return (await this.tx.rows<AfterSalesRequestRow>(sql, params)).map((r) => AfterSalesRequest.restore(afterSalesRequestFromRow(r)));
  }
}

/** Each shop's after-sales window on PostgreSQL: `after_sales_setting`, one row per shop that set one. */
export class MikroOrmAfterSalesSettings implements AfterSalesSettings {
  constructor(private readonly tx: TxScope) {}

  async windowOf(shopId: string): Promise<AfterSalesWindow | null> {
    const [row] = await this.tx.rows<{ window_days: number }>('select window_days from after_sales_setting where shop_id = ?', [shopId]);
    return row ? (row.window_days as AfterSalesWindow) : null;
  }

  async setWindow(shopId: string, days: AfterSalesWindow): Promise<void> {
    await this.tx.rows(
      'insert into after_sales_setting (shop_id, window_days) values (?, ?) on conflict (shop_id) do update set window_days = excluded.window_days',
      [shopId, days],
    );
  }
}
