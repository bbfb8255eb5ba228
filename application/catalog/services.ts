import type { SpuSnapshot } from '../../domain/catalog/spu.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { CATALOG_STORE } from './store.js';

/**
 * The catalog's published in-transaction reads (issue #13): what other contexts may ask of the catalog
 * inside their own transaction, without reaching its repositories. They read the database, never the
 * read side's cache, so a decision taken on them sees what this transaction sees.
 */

/** The SKUs among `ids` that the catalog knows, with their product and its kind (any order; unknown ids are absent). */
export function findSkus(tx: Transaction, ids: readonly string[]): Promise<{ skuId: string; spuId: string; kind: SpuSnapshot['kind'] }[]> {
  return tx.use(CATALOG_STORE).spus.findSkus(ids);
}

/** The products among `ids` that the catalog knows, whatever their status (any order; unknown ids are absent; one read for many). */
export async function findSpus(tx: Transaction, ids: readonly string[]): Promise<SpuSnapshot[]> {
  return (await tx.use(CATALOG_STORE).spus.getMany(ids)).map((spu) => spu.toSnapshot());
}

/** The products holding any of these SKUs, whatever their status (any order; one read for many). */
export async function findSpusOfSkus(tx: Transaction, skuIds: readonly string[]): Promise<SpuSnapshot[]> {
  return (await tx.use(CATALOG_STORE).spus.getManyBySkus(skuIds)).map((spu) => spu.toSnapshot());
}

/** One product, whatever its status; null when the catalog does not know it. */
export async function findSpu(tx: Transaction, id: string): Promise<SpuSnapshot | null> {
  return (await tx.use(CATALOG_STORE).spus.get(id))?.toSnapshot() ?? null;
}
