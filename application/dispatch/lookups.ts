import { findSkus } from '../catalog/index.js';
import type { Warehouse } from '../../domain/dispatch/warehouse.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { DISPATCH_STORE } from './store.js';

export async function requireWarehouse(tx: Transaction, id: string): Promise<Warehouse> {
  const w = await tx.use(DISPATCH_STORE).warehouses.get(id);
  if (!w) throw DomainError.notFound('DISPATCH.WAREHOUSE_NOT_FOUND', `no warehouse ${id}`, { warehouseId: id });
  return w;
}

/** Rejects SKU ids the catalog does not know (`DISPATCH.UNKNOWN_SKU`, details: every such id). */
export async function requireSkus(tx: Transaction, skuIds: readonly string[]): Promise<void> {
  const known = new Set((await findSkus(tx, skuIds)).map((s) => s.skuId));
  const unknown = skuIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw DomainError.notFound('DISPATCH.UNKNOWN_SKU', `no SKU ${unknown.join(', ')} in the catalog`, { skuIds: unknown });
  }
}

/** Warehouse codes are unique; the adapters back this check with a constraint or serialised writes. */
export async function checkCodeFree(tx: Transaction, warehouse: Warehouse): Promise<void> {
  const { id, code } = warehouse.toSnapshot();
  if (await tx.use(DISPATCH_STORE).warehouses.codeTaken(code, id)) {
    throw DomainError.conflict('DISPATCH.DUPLICATE_WAREHOUSE_CODE', `warehouse code ${code} is taken`, { code });
  }
}
