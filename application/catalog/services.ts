import type { SpuSnapshot } from '../../domain/catalog/spu.js';
import type { Transaction } from '../shared/unit-of-work.js';

/**
 * The catalog's published in-transaction reads (issue #13): what other contexts may ask of the catalog
 * inside their own transaction, without reaching its repositories.
 */

/** The SKUs among `ids` that the catalog knows, with their product and its kind (any order; unknown ids are absent). */
export function findSkus(tx: Transaction, ids: readonly string[]): Promise<{ skuId: string; spuId: string; kind: SpuSnapshot['kind'] }[]> {
  return tx.spus.findSkus(ids);
}
