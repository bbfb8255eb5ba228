import type { SkuSnapshot, SpuSnapshot } from '../../../../domain/catalog/spu.js';
import type { TxScope } from '../db.js';
import { SkuRecord } from './spu-records.js';
import { skuRecords } from './spu-row.js';

/**
 * Writes the SKUs of a saved SPU with as few statements as possible: one multi-row insert for a new
 * SPU; otherwise one delete for the SKUs that went away and one upsert for those new or changed since
 * `before` (the snapshot this transaction read). Without `before`, every SKU is upserted.
 */
export async function writeSkus(tx: TxScope, after: SpuSnapshot, before: SpuSnapshot | 'new' | undefined): Promise<void> {
  const rows = skuRecords(after).map((r) => ({ ...r, spu: after.id }));
  if (before === 'new') {
    await tx.run(tx.builder.createQueryBuilder(SkuRecord).insert(rows));
    return;
  }
  const ids = rows.map((r) => r.id);
  const previous = before ? new Map(before.skus.map((k, i) => [k.id, skuKey(k, i)])) : undefined;
  const removed = previous ? [...previous.keys()].filter((id) => !ids.includes(id)) : undefined;
  const changed = previous ? rows.filter((r, i) => previous.get(r.id) !== skuKey(after.skus[i]!, i)) : rows;

  // Delete first, so that a new SKU may take over the code of one that went away.
  if (removed === undefined) {
    await tx.run(tx.builder.createQueryBuilder(SkuRecord).delete({ spu: after.id, id: { $nin: ids } }));
  } else if (removed.length > 0) {
    await tx.run(tx.builder.createQueryBuilder(SkuRecord).delete({ id: { $in: removed } }));
  }
  if (changed.length > 0) {
    await tx.run(tx.builder.createQueryBuilder(SkuRecord).insert(changed).onConflict('id').merge());
  }
}

/** What a stored SKU row holds, comparable across a read and a write (JSON key order aside). */
function skuKey(k: SkuSnapshot, position: number): string {
  const specs = Object.entries(k.specs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const components = k.components.map((c) => [c.skuId, c.quantity]);
  return JSON.stringify([k.code, specs, k.salePrice.toString(), k.marketPrice?.toString() ?? null, components, position]);
}
