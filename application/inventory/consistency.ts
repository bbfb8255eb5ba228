import { DISPATCH_COUNTERS } from '../../domain/inventory/dispatch-stock.js';
import { compareCodePoints } from '../../domain/inventory/layer-stock.js';
import { LOCATION_COUNTERS, onHand } from '../../domain/inventory/location-stock.js';
import { STOCK_FIELDS } from '../../domain/inventory/sales-stock.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { INVENTORY_STORE } from './store.js';

/** A counter of a SKU's sales layer against the sum of its ledger (INV-4). */
export interface StockAnomaly {
  readonly skuId: string;
  readonly field: (typeof STOCK_FIELDS)[number];
  readonly counter: number;
  readonly ledger: number;
}

/**
 * A difference found by the consistency check. For layers `sales`, `dispatch` and `warehouse`: a counter
 * of a row against the sum of that row's ledger (INV-4). For `cross`: the dispatch layer's `book` of a
 * SKU in a warehouse (`counter`) against the units on hand at its locations, Σ available + locked +
 * unusable of the warehouse layer (`ledger`).
 */
export interface LayerAnomaly {
  readonly layer: 'sales' | 'dispatch' | 'warehouse' | 'cross';
  readonly skuId: string;
  readonly warehouseId?: string;
  readonly location?: string;
  readonly field: string;
  readonly counter: number;
  readonly ledger: number;
}

/** INV-4 of the sales layer: each SKU's counters against the sum of its ledger (all SKUs when none are named). */
export async function salesAnomalies(tx: Transaction, skuIds: readonly string[] | undefined): Promise<StockAnomaly[]> {
  const { salesStocks } = tx.use(INVENTORY_STORE);
  const anomalies: StockAnomaly[] = [];
  for (const skuId of skuIds ?? (await salesStocks.skuIds())) {
    const stock = await salesStocks.get(skuId);
    if (!stock) continue;
    const sums = { total: 0, locked: 0, sold: 0, activity: 0, presale: 0 };
    for (const m of await salesStocks.movements(skuId)) {
      for (const f of STOCK_FIELDS) sums[f] += m.delta[f];
    }
    for (const f of STOCK_FIELDS) {
      if (sums[f] !== stock[f]) anomalies.push({ skuId, field: f, counter: stock[f], ledger: sums[f] });
    }
  }
  return anomalies;
}

/** INV-4 in every layer, and the dispatch book against the locations (all SKUs with stock in any layer when none are named). */
export async function layerAnomalies(tx: Transaction, named: readonly string[] | undefined): Promise<LayerAnomaly[]> {
  const { salesStocks, dispatchStocks, locationStocks } = tx.use(INVENTORY_STORE);
  const skuIds =
    named ?? [...new Set([...(await salesStocks.skuIds()), ...(await dispatchStocks.skuIds()), ...(await locationStocks.skuIds())])].sort(compareCodePoints);
  const anomalies: LayerAnomaly[] = [];
  for (const skuId of skuIds) {
    const sales = await salesStocks.get(skuId);
    const salesSums = sumBy(sales ? await salesStocks.movements(skuId) : [], () => '', STOCK_FIELDS);
    for (const f of STOCK_FIELDS) {
      const ledger = salesSums.get('')?.[f] ?? 0;
      if (sales && sales[f] !== ledger) anomalies.push({ layer: 'sales', skuId, field: f, counter: sales[f], ledger });
    }

    const dispatchRows = new Map((await dispatchStocks.ofSku(skuId)).map((r) => [r.warehouseId, r]));
    const dispatchSums = sumBy(await dispatchStocks.movements(skuId), (m) => m.warehouseId, DISPATCH_COUNTERS);
    for (const warehouseId of union(dispatchRows.keys(), dispatchSums.keys())) {
      for (const f of DISPATCH_COUNTERS) {
        const counter = dispatchRows.get(warehouseId)?.[f] ?? 0;
        const ledger = dispatchSums.get(warehouseId)?.[f] ?? 0;
        if (counter !== ledger) anomalies.push({ layer: 'dispatch', skuId, warehouseId, field: f, counter, ledger });
      }
    }

    const locationRows = await locationStocks.ofSku(skuId);
    const rowKey = (warehouseId: string, location: string) => `${warehouseId}\u0000${location}`;
    const byKey = new Map(locationRows.map((r) => [rowKey(r.warehouseId, r.location), r]));
    const locationSums = sumBy(await locationStocks.movements(skuId), (m) => rowKey(m.warehouseId, m.location), LOCATION_COUNTERS);
    for (const k of union(byKey.keys(), locationSums.keys())) {
      const [warehouseId, location] = k.split('\u0000') as [string, string];
      for (const f of LOCATION_COUNTERS) {
        const counter = byKey.get(k)?.[f] ?? 0;
        const ledger = locationSums.get(k)?.[f] ?? 0;
        if (counter !== ledger) anomalies.push({ layer: 'warehouse', skuId, warehouseId, location, field: f, counter, ledger });
      }
    }

    // Cross-layer: what the dispatch layer holds on its books is what stands on the locations.
    const onHandByWarehouse = new Map<string, number>();
    for (const r of locationRows) onHandByWarehouse.set(r.warehouseId, (onHandByWarehouse.get(r.warehouseId) ?? 0) + onHand(r));
    for (const warehouseId of union(dispatchRows.keys(), onHandByWarehouse.keys())) {
      const book = dispatchRows.get(warehouseId)?.book ?? 0;
      const located = onHandByWarehouse.get(warehouseId) ?? 0;
      if (book !== located) anomalies.push({ layer: 'cross', skuId, warehouseId, field: 'book', counter: book, ledger: located });
    }
  }
  return anomalies;
}

function sumBy<F extends string, M extends { readonly delta: Readonly<Record<F, number>> }>(
  movements: readonly M[],
  keyOf: (m: M) => string,
  fields: readonly F[],
): Map<string, Record<F, number>> {
  const sums = new Map<string, Record<F, number>>();
  for (const m of movements) {
    const k = keyOf(m);
    let s = sums.get(k);
    if (!s) {
      s = Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>;
      sums.set(k, s);
    }
    for (const f of fields) s[f] += m.delta[f];
  }
  return sums;
}

function union(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compareCodePoints);
}
