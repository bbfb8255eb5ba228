import type { DispatchMovement, DispatchStock } from '../../domain/inventory/dispatch-stock.js';
import { compareCodePoints } from '../../domain/inventory/layer-stock.js';
import type { LocationMovement, LocationStock } from '../../domain/inventory/location-stock.js';
import type { StockMovement } from '../../domain/inventory/movement.js';
import { sellable, type SalesStock } from '../../domain/inventory/sales-stock.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireCatalogSku } from './lookups.js';
import { INVENTORY_STORE } from './store.js';

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
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { readonly skuId: string }): Promise<LayeredStockView> {
    return this.d.uow.run(async (tx) => {
      await requireCatalogSku(tx, cmd.skuId);
      const { salesStocks, dispatchStocks, locationStocks } = tx.use(INVENTORY_STORE);
      const sales = await salesStocks.get(cmd.skuId);
      const dispatchRows = await dispatchStocks.ofSku(cmd.skuId);
      const locationRows = await locationStocks.ofSku(cmd.skuId);
      const warehouseIds = [...new Set([...dispatchRows.map((r) => r.warehouseId), ...locationRows.map((r) => r.warehouseId)])].sort(compareCodePoints);
      const warehouses = warehouseIds.map((warehouseId): WarehouseStockView => {
        const d = dispatchRows.find((r) => r.warehouseId === warehouseId);
        return {
          warehouseId,
          book: d?.book ?? 0,
          available: d?.available ?? 0,
          inTransit: d?.inTransit ?? 0,
          unsellable: d?.unsellable ?? 0,
          used: d?.used ?? 0,
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
          sales: sales ? await salesStocks.movements(cmd.skuId) : [],
          dispatch: await dispatchStocks.movements(cmd.skuId),
          warehouse: await locationStocks.movements(cmd.skuId),
        },
      };
    });
  }
}
