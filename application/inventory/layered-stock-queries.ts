import { DISPATCH_COUNTERS, type DispatchMovement, type DispatchStock } from '../../domain/inventory/dispatch-stock.js';
import { compareCodePoints } from '../../domain/inventory/layer-stock.js';
import { LOCATION_COUNTERS, onHand, type LocationMovement, type LocationStock } from '../../domain/inventory/location-stock.js';
import type { StockMovement } from '../../domain/inventory/movement.js';
import { sellable, STOCK_FIELDS, type SalesStock } from '../../domain/inventory/sales-stock.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { requireCatalogSku } from './layered-stock.js';

/** One warehouse of a SKU: its dispatch-layer row (zeros when it has none) and its locations. */
export interface WarehouseStockView extends Omit<DispatchStock, 'skuId'> {
  readonly locations: readonly Omit<LocationStock, 'skuId' | 'warehouseId'>[];
}

export interface LayeredStockView {
  readonly skuId: string;
  /** The sales layer, or null when the SKU has no stock record yet. */
  readonly sales: (SalesStock & { readonly sellable: number; readonly inStock: boolean }) | null;
  /** Every warehouse where the SKU has a dispatch or a location row, by warehouse id. */
  readonly warehouses: readonly WarehouseStockView[];
  /** The ledger of each layer, in movement-id order. */
  readonly ledgers: {
    readonly sales: readonly StockMovement[];
    readonly dispatch: readonly DispatchMovement[];
    readonly warehouse: readonly LocationMovement[];
  };
}

/** A SKU's stock in all three layers — sales, per warehouse, per location — with the ledger of each. */
export class ViewLayeredStock {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly skuId: string }): Promise<LayeredStockView> {
    return this.uow.run(async (tx) => {
      await requireCatalogSku(tx, cmd.skuId);
      const sales = await tx.salesStocks.get(cmd.skuId);
      const dispatchRows = await tx.dispatchStocks.ofSku(cmd.skuId);
      const locationRows = await tx.locationStocks.ofSku(cmd.skuId);
      const warehouseIds = [...new Set([...dispatchRows.map((r) => r.warehouseId), ...locationRows.map((r) => r.warehouseId)])].sort(compareCodePoints);
      const warehouses = warehouseIds.map((warehouseId): WarehouseStockView => {
        const d = dispatchRows.find((r) => r.warehouseId === warehouseId);
        return {
          warehouseId,
          book: d?.book ?? 0, available: d?.available ?? 0, inTransit: d?.inTransit ?? 0, unsellable: d?.unsellable ?? 0, used: d?.used ?? 0,
          locations: locationRows
            .filter((r) => r.warehouseId === warehouseId)
            .map(({ location, available, locked, shipped, unusable }) => ({ location, available, locked, shipped, unusable })),
        };
      });
      return {
        skuId: cmd.skuId,
        sales: sales ? { ...sales, sellable: sellable(sales), inStock: sellable(sales) > 0 } : null,
        warehouses,
        ledgers: {
          sales: sales ? await tx.salesStocks.movements(cmd.skuId) : [],
          dispatch: await tx.dispatchStocks.movements(cmd.skuId),
          warehouse: await tx.locationStocks.movements(cmd.skuId),
        },
      };
    });
  }
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

const SALES_FIELDS = STOCK_FIELDS;

/**
 * INV-4 in every layer, and the layers against each other: per row, counters against the sum of the
 * ledger; per SKU and warehouse, the dispatch book against the units on hand at its locations. All SKUs
 * with stock in any layer when none are named. `RepairLayeredStockConsistency` repairs what it finds.
 */
export class CheckLayeredStockConsistency {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly skuIds?: readonly string[] } = {}): Promise<LayerAnomaly[]> {
    return this.uow.run((tx) => layerAnomalies(tx, cmd.skuIds));
  }
}

async function layerAnomalies(tx: Transaction, named: readonly string[] | undefined): Promise<LayerAnomaly[]> {
  const skuIds =
    named ?? [...new Set([...(await tx.salesStocks.skuIds()), ...(await tx.dispatchStocks.skuIds()), ...(await tx.locationStocks.skuIds())])].sort(compareCodePoints);
  const anomalies: LayerAnomaly[] = [];
  for (const skuId of skuIds) {
    const sales = await tx.salesStocks.get(skuId);
    const salesSums = sumBy(sales ? await tx.salesStocks.movements(skuId) : [], () => '', SALES_FIELDS);
    for (const f of SALES_FIELDS) {
      const ledger = salesSums.get('')?.[f] ?? 0;
      if (sales && sales[f] !== ledger) anomalies.push({ layer: 'sales', skuId, field: f, counter: sales[f], ledger });
    }

    const dispatchRows = new Map((await tx.dispatchStocks.ofSku(skuId)).map((r) => [r.warehouseId, r]));
    const dispatchSums = sumBy(await tx.dispatchStocks.movements(skuId), (m) => m.warehouseId, DISPATCH_COUNTERS);
    for (const warehouseId of union(dispatchRows.keys(), dispatchSums.keys())) {
      for (const f of DISPATCH_COUNTERS) {
        const counter = dispatchRows.get(warehouseId)?.[f] ?? 0;
        const ledger = dispatchSums.get(warehouseId)?.[f] ?? 0;
        if (counter !== ledger) anomalies.push({ layer: 'dispatch', skuId, warehouseId, field: f, counter, ledger });
      }
    }

    const locationRows = await tx.locationStocks.ofSku(skuId);
    const rowKey = (warehouseId: string, location: string) => `${warehouseId}\u0000${location}`;
    const byKey = new Map(locationRows.map((r) => [rowKey(r.warehouseId, r.location), r]));
    const locationSums = sumBy(await tx.locationStocks.movements(skuId), (m) => rowKey(m.warehouseId, m.location), LOCATION_COUNTERS);
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

export interface LayeredStockRepair {
  readonly anomalies: readonly LayerAnomaly[];
  /** The `correction` movements written, per layer. */
  readonly corrections: { readonly sales: readonly StockMovement[]; readonly dispatch: readonly DispatchMovement[]; readonly warehouse: readonly LocationMovement[] };
  /** Cross-layer differences (dispatch book against the locations) stay for an operator: a stock-take decides which side is right. */
  readonly unrepaired: readonly LayerAnomaly[];
}

/**
 * Repairs every layer's ledger, trusting the counters (they moved only by guarded statements): per row
 * with a difference, one `correction` movement whose delta is counter − ledger, so INV-4 holds again.
 * One transaction. A cross-layer difference is not a ledger problem and is returned as `unrepaired`.
 * (Trusting the sales ledger instead is `RepairStockConsistency` with `trust: 'ledger'`.)
 */
export class RepairLayeredStockConsistency {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly skuIds?: readonly string[] } = {}): Promise<LayeredStockRepair> {
    return this.uow.run(async (tx) => {
      const anomalies = await layerAnomalies(tx, cmd.skuIds);
      const at = this.clock.now();
      const rows = new Map<string, LayerAnomaly[]>();
      for (const a of anomalies) {
        if (a.layer === 'cross') continue;
        const k = [a.layer, a.skuId, a.warehouseId ?? '', a.location ?? ''].join('\u0000');
        rows.set(k, [...(rows.get(k) ?? []), a]);
      }
      const corrections = { sales: [] as StockMovement[], dispatch: [] as DispatchMovement[], warehouse: [] as LocationMovement[] };
      for (const found of rows.values()) {
        const { layer, skuId, warehouseId, location } = found[0]!;
        const id = this.ids.next();
        const base = { id, skuId, kind: 'correction' as const, reference: `repair:${id}`, quantity: 0, at };
        const diff = <F extends string>(fields: readonly F[]) =>
          Object.fromEntries(fields.map((f) => [f, found.filter((a) => a.field === f).reduce((s, a) => s + a.counter - a.ledger, 0)])) as Record<F, number>;
        if (layer === 'sales') {
          const m: StockMovement = { ...base, lockReference: null, pool: null, delta: diff(STOCK_FIELDS) };
          await tx.salesStocks.recordCorrection(m);
          corrections.sales.push(m);
        } else if (layer === 'dispatch') {
          const m: DispatchMovement = { ...base, warehouseId: warehouseId!, delta: diff(DISPATCH_COUNTERS) };
          await tx.dispatchStocks.recordCorrection(m);
          corrections.dispatch.push(m);
        } else {
          const m: LocationMovement = { ...base, warehouseId: warehouseId!, location: location!, delta: diff(LOCATION_COUNTERS) };
          await tx.locationStocks.recordCorrection(m);
          corrections.warehouse.push(m);
        }
      }
      return { anomalies, corrections, unrepaired: anomalies.filter((a) => a.layer === 'cross') };
    });
  }
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
    if (!s) sums.set(k, (s = Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>));
    for (const f of fields) s[f] += m.delta[f];
  }
  return sums;
}

function union(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compareCodePoints);
}
