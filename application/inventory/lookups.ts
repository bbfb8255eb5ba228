import { findSkus } from '../catalog/index.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Transaction } from '../shared/unit-of-work.js';

/** The SKU must be in the catalog (`INVENTORY.UNKNOWN_SKU`, 404). */
export async function requireCatalogSku(tx: Transaction, skuId: string): Promise<void> {
  const [sku] = await findSkus(tx, [skuId]);
  if (!sku) throw DomainError.notFound('INVENTORY.UNKNOWN_SKU', `no SKU ${skuId} in the catalog`, { skuId });
}
