import type { Spus } from '../../../../domain/catalog/ports.js';
import { Spu, type SpuSnapshot } from '../../../../domain/catalog/spu.js';
import type { TxScope } from '../db.js';
import { SpuRecord } from '../records/spu-record.js';
import { SELECT_SPU, spuFromRow, spuRecord, type SpuRow } from '../records/spu-row.js';
import { writeSkus } from './sku-writer.js';
import { saveVersionedRow } from './versioned-row.js';

export class MikroOrmSpus implements Spus {
  /** Each SPU as this transaction last read or wrote it: a save then writes only the SKUs that changed. */
  private readonly seen = new Map<string, SpuSnapshot>();

  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Spu | null> {
    const [row] = await this.tx.rows<SpuRow>(`${SELECT_SPU} where s.id = ?`, [id]);
    return row ? this.restore(row) : null;
  }

  async getMany(ids: readonly string[]): Promise<Spu[]> {
    if (ids.length === 0) return [];
    const rows = await this.tx.rows<SpuRow>(`${SELECT_SPU} where s.id = any(?::text[])`, [[...new Set(ids)]]);
    return rows.map((r) => this.restore(r));
  }

  async save(spu: Spu): Promise<void> {
    const s = spu.toSnapshot();
    const version = await saveVersionedRow(this.tx, SpuRecord, 'spus', s.version, spuRecord(s, s.version + 1, spu.platformPrice));
    await writeSkus(this.tx, s, s.version === 0 ? 'new' : this.seen.get(s.id));
    spu.markSaved(version);
    this.seen.set(s.id, spu.toSnapshot());
    this.tx.writtenSpus.add(s.id);
  }

  async countInCategory(categoryId: string): Promise<number> {
    const [row] = await this.tx.rows<{ n: number }>('select count(*)::int as n from spu where category_id = ?', [categoryId]);
    return row?.n ?? 0;
  }

  async takenSkuCodes(codes: readonly string[], exceptSpuId?: string): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await this.tx.rows<{ code: string }>(
      'select code from sku where code = any(?::text[]) and spu_id is distinct from ? order by code',
      [[...codes], exceptSpuId ?? null],
    );
    return rows.map((r) => r.code);
  }

  async codeTaken(code: string): Promise<boolean> {
    return (await this.tx.rows('select 1 from spu where code = ? limit 1', [code])).length > 0;
  }

  async findSkus(ids: readonly string[]): Promise<{ skuId: string; spuId: string; kind: SpuSnapshot['kind'] }[]> {
    if (ids.length === 0) return [];
    const rows = await this.tx.rows<{ sku_id: string; spu_id: string; kind: SpuSnapshot['kind'] }>(
      'select k.id as sku_id, k.spu_id, s.kind from sku k join spu s on s.id = k.spu_id where k.id = any(?::text[])',
      [[...ids]],
    );
    return rows.map((r) => ({ skuId: r.sku_id, spuId: r.spu_id, kind: r.kind }));
  }

  /**
   * Earliest due first. `skip locked`: schedulers running side by side on a PostgreSQL server split
   * the due products between them instead of colliding on the same ones.
   */
  async dueForSchedule(now: Date, limit: number): Promise<Spu[]> {
    const at = now.toISOString();
    const rows = await this.tx.rows<SpuRow>(
      `${SELECT_SPU} where s.list_at <= ?::timestamptz or s.unlist_at <= ?::timestamptz
       order by least(s.list_at, s.unlist_at), s.id collate "C" limit ? for update of s skip locked`,
      [at, at, limit],
    );
    return rows.map((r) => this.restore(r));
  }

  private restore(row: SpuRow): Spu {
    const snapshot = spuFromRow(row);
    this.seen.set(snapshot.id, snapshot);
    return Spu.restore(snapshot);
  }
}
