import { DISPATCH_COUNTERS, type DispatchMovement } from '../../domain/inventory/dispatch-stock.js';
import { LOCATION_COUNTERS, type LocationMovement } from '../../domain/inventory/location-stock.js';
import type { StockMovement } from '../../domain/inventory/movement.js';
import { STOCK_FIELDS } from '../../domain/inventory/sales-stock.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { layerAnomalies, type LayerAnomaly } from './consistency.js';
import { INVENTORY_STORE } from './store.js';

export interface LayeredStockRepair {
  readonly anomalies: readonly LayerAnomaly[];
  /** The `correction` movements written, per layer. */
  readonly corrections: {
    readonly sales: readonly StockMovement[];
    readonly dispatch: readonly DispatchMovement[];
    readonly warehouse: readonly LocationMovement[];
  };
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
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly skuIds?: readonly string[] } = {}): Promise<LayeredStockRepair> {
    return this.d.uow.run(async (tx) => {
      const store = tx.use(INVENTORY_STORE);
      const anomalies = await layerAnomalies(tx, cmd.skuIds);
      const at = this.d.clock.now();
      const rows = new Map<string, LayerAnomaly[]>();
      for (const a of anomalies) {
        if (a.layer === 'cross') continue;
        const k = [a.layer, a.skuId, a.warehouseId ?? '', a.location ?? ''].join('\u0000');
        rows.set(k, [...(rows.get(k) ?? []), a]);
      }
      const corrections = { sales: [] as StockMovement[], dispatch: [] as DispatchMovement[], warehouse: [] as LocationMovement[] };
      for (const found of rows.values()) {
        const { layer, skuId, warehouseId, location } = found[0]!;
        const id = this.d.ids.next();
        const base = { id, skuId, kind: 'correction' as const, reference: `repair:${id}`, quantity: 0, at };
        const diff = <F extends string>(fields: readonly F[]) =>
          Object.fromEntries(fields.map((f) => [f, found.filter((a) => a.field === f).reduce((s, a) => s + a.counter - a.ledger, 0)])) as Record<F, number>;
        if (layer === 'sales') {
          const m: StockMovement = { ...base, lockReference: null, pool: null, delta: diff(STOCK_FIELDS) };
          await store.salesStocks.recordCorrection(m);
          corrections.sales.push(m);
        } else if (layer === 'dispatch') {
          const m: DispatchMovement = { ...base, warehouseId: warehouseId!, delta: diff(DISPATCH_COUNTERS) };
          await store.dispatchStocks.recordCorrection(m);
          corrections.dispatch.push(m);
        } else {
          const m: LocationMovement = { ...base, warehouseId: warehouseId!, location: location!, delta: diff(LOCATION_COUNTERS) };
          await store.locationStocks.recordCorrection(m);
          corrections.warehouse.push(m);
        }
      }
      return { anomalies, corrections, unrepaired: anomalies.filter((a) => a.layer === 'cross') };
    });
  }
}
