import { findSkus } from '../catalog/index.js';
import { FREIGHT_ERROR } from '../../domain/freight/errors.js';
import type { FreightTemplate } from '../../domain/freight/template.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { FREIGHT_STORE } from './store.js';

export async function requireTemplate(tx: Transaction, id: string): Promise<FreightTemplate> {
  const t = await tx.use(FREIGHT_STORE).templates.get(id);
  if (!t) throw DomainError.notFound(FREIGHT_ERROR.TEMPLATE_NOT_FOUND, `no freight template ${id}`, { templateId: id });
  return t;
}

/** Rejects SKU ids the catalog does not know (`FREIGHT.UNKNOWN_SKU`, details: every such id). */
export async function requireSkus(tx: Transaction, skuIds: readonly string[]): Promise<void> {
  const known = new Set((await findSkus(tx, skuIds)).map((s) => s.skuId));
  const unknown = skuIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw DomainError.notFound(FREIGHT_ERROR.UNKNOWN_SKU, `no SKU ${unknown.join(', ')} in the catalog`, { skuIds: unknown });
  }
}
