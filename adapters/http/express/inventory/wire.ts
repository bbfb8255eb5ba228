import { z } from 'zod';
import type {
  LayerAnomaly,
  LayeredChange,
  LayeredStockRepair,
  LayeredStockView,
  StockChangeResult,
  StockRepair,
  StockView,
} from '../../../../application/inventory/index.js';
import { DISPATCH_COUNTERS, DISPATCH_OPERATIONS } from '../../../../domain/inventory/dispatch-stock.js';
import { LOCATION_COUNTERS, LOCATION_OPERATIONS } from '../../../../domain/inventory/location-stock.js';
import { STOCK_FIELDS, STOCK_OPERATIONS } from '../../../../domain/inventory/sales-stock.js';
import { component, count, int, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/**
 * The answers of the stock routes (routes.ts, layer-routes.ts): the sales layer (销售层)
 * of a SKU with its ledger, the dispatch (调度层) and warehouse (仓库层) layers, what a flow changed,
 * and the consistency check and repair (INV-4). Counters are plain integers: a view must show a row
 * even when a repair is still due.
 */

const counters = <F extends string>(fields: readonly F[]) => Object.fromEntries(fields.map((f) => [f, int])) as Record<F, typeof int>;

// --- sales layer ---------------------------------------------------------------------------------

const salesCounters = counters(STOCK_FIELDS);
const salesStockFields = {
  skuId: wireId,
  ...salesCounters,
  oversellAllowance: count,
  virtual: z.boolean(),
  lowStockThreshold: count.nullable(),
};
export const salesStock = component('SalesStock', wireObject(salesStockFields));

export const stockMovement = component(
  'StockMovement',
  wireObject({
    id: wireId,
    skuId: wireId,
    kind: z.enum([...STOCK_OPERATIONS, 'correction']),
    reference: z.string(),
    lockReference: z.string().nullable(),
    pool: z.string().nullable(),
    quantity: int,
    delta: wireObject(salesCounters),
    at: timestamp,
  }),
);

/** GET /admin/inventory/skus/:skuId: the counters, INV-1's sellable and "in stock", the pools and the ledger. */
export const stockView = component(
  'StockView',
  wireObject({
    ...salesStockFields,
    sellable: int,
    inStock: z.boolean(),
    pools: z.record(z.string(), int),
    movements: z.array(stockMovement),
  }),
);

export const stockChange = component('StockChange', wireObject({ movement: stockMovement, replayed: z.boolean(), stock: salesStock }));

const stockAnomaly = wireObject({ skuId: wireId, field: z.enum(STOCK_FIELDS), counter: int, ledger: int });
/** A repair trusting the sales ledger: what was found (and reset to the ledger). */
export const salesStockRepair = component('SalesStockRepair', wireObject({ anomalies: z.array(stockAnomaly), corrections: z.array(stockMovement) }));

// --- dispatch and warehouse layers ---------------------------------------------------------------

const dispatchCounters = counters(DISPATCH_COUNTERS);
export const dispatchStock = component('DispatchStock', wireObject({ skuId: wireId, warehouseId: wireId, ...dispatchCounters }));
export const dispatchMovement = component(
  'DispatchMovement',
  wireObject({
    id: wireId,
    skuId: wireId,
    warehouseId: wireId,
    kind: z.enum([...DISPATCH_OPERATIONS, 'correction']),
    reference: z.string(),
    quantity: int,
    delta: wireObject(dispatchCounters),
    at: timestamp,
  }),
);

const locationCounters = counters(LOCATION_COUNTERS);
export const locationStock = component('LocationStock', wireObject({ skuId: wireId, warehouseId: wireId, location: z.string(), ...locationCounters }));
export const locationMovement = component(
  'LocationMovement',
  wireObject({
    id: wireId,
    skuId: wireId,
    warehouseId: wireId,
    location: z.string(),
    kind: z.enum([...LOCATION_OPERATIONS, 'correction']),
    reference: z.string(),
    quantity: int,
    delta: wireObject(locationCounters),
    at: timestamp,
  }),
);

/** What a flow of the warehouse-stock routes did: every row it touched, after the change, with its movement. */
export const layeredChange = component(
  'LayeredStockChange',
  wireObject({
    skuId: wireId,
    reference: z.string(),
    replayed: z.boolean(),
    warehouse: z.array(wireObject({ stock: locationStock, movement: locationMovement })),
    dispatch: z.array(wireObject({ stock: dispatchStock, movement: dispatchMovement })),
    sales: wireObject({ stock: salesStock, movement: stockMovement }).nullable(),
  }),
);

const ledgers = { sales: z.array(stockMovement), dispatch: z.array(dispatchMovement), warehouse: z.array(locationMovement) };

/** GET /admin/inventory/skus/:skuId/layers: a SKU in the three layers, with the ledger of each. */
export const layeredStockView = component(
  'LayeredStockView',
  wireObject({
    skuId: wireId,
    sales: wireObject({ ...salesStockFields, sellable: int, inStock: z.boolean() }).nullable(),
    warehouses: z.array(
      wireObject({
        warehouseId: wireId,
        ...dispatchCounters,
        locations: z.array(wireObject({ location: z.string(), ...locationCounters })),
      }),
    ),
    ledgers: wireObject(ledgers),
  }),
);

export const layerAnomaly = component(
  'LayerAnomaly',
  wireObject({
    layer: z.enum(['sales', 'dispatch', 'warehouse', 'cross']),
    skuId: wireId,
    warehouseId: wireId.optional(),
    location: z.string().optional(),
    field: z.string(),
    counter: int,
    ledger: int,
  }),
);
export const layerAnomalies = z.array(layerAnomaly);

/** A repair trusting the counters: the correction movements per layer; cross-layer differences stay. */
export const layeredStockRepair = component(
  'LayeredStockRepair',
  wireObject({
    anomalies: layerAnomalies,
    corrections: wireObject(ledgers),
    unrepaired: layerAnomalies,
  }),
);

/** POST /admin/inventory/consistency/repair answers by what it trusts: the counters (every layer) or the sales ledger. */
export const stockRepair = z.union([layeredStockRepair, salesStockRepair]);

// Each schema is the JSON form of the type the use case returns (a compile error when either drifts).
export type InventoryWireChecks = [
  Check<Same<z.output<typeof stockView>, Json<StockView>>>,
  Check<Same<z.output<typeof stockChange>, Json<StockChangeResult>>>,
  Check<Same<z.output<typeof salesStock>, Json<StockChangeResult['stock']>>>,
  Check<Same<z.output<typeof stockRepair>, Json<LayeredStockRepair | StockRepair>>>,
  Check<Same<z.output<typeof layeredChange>, Json<LayeredChange>>>,
  Check<Same<z.output<typeof layeredStockView>, Json<LayeredStockView>>>,
  Check<Same<z.output<typeof layerAnomalies>, Json<LayerAnomaly[]>>>,
];
