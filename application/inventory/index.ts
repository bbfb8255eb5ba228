// The inventory context's public edge (库存中心, spec §2): its use cases, and what other contexts ask of
// stock inside their own transaction (`changeStockOfOrders`, `sellableStock`, `availableInWarehouses`).

// The sales layer (销售层).
export * from './configure-stock.js';
export * from './change-stock.js';
export * from './change-order-stock.js';
export * from './view-stock.js';
export * from './check-stock-consistency.js';
export * from './repair-stock-consistency.js';
export type { StockChange, StockChangeResult } from './stock-change.js';
export type { StockAnomaly, LayerAnomaly } from './consistency.js';

// The flows of the dispatch layer (调度层) and the warehouse layer (仓库层), each one use case and one
// transaction over every layer it touches, under one business reference (INV-5: replaying the flow
// changes nothing and answers `replayed: true`). Bottom-up (自下而上): receipts raise the warehouse, the
// dispatch and the sales layer together.
export * from './layered-stock.js';
export * from './record-purchase-in-transit.js';
export * from './receive-purchase.js';
export * from './transfer-stock.js';
export * from './receive-transfer.js';
export * from './mark-damaged.js';
export * from './write-off-damaged.js';
export * from './move-stock.js';
export * from './take-stock.js';
// The outbound flows, for dispatch orders (发货单): assign units of a warehouse to an order, lock them for
// picking at a location, ship them. The sales layer moved before, top-down (lock at order, deduct at payment).
export * from './assign-stock.js';
export * from './release-stock.js';
export * from './pick-stock.js';
export * from './unpick-stock.js';
export * from './ship-stock.js';
export * from './view-layered-stock.js';
export * from './check-layered-stock-consistency.js';
export * from './repair-layered-stock-consistency.js';

// Order stock locks (the port adapters implement) and the deps of the use cases.
export * from './order-stock-locks.js';
export type { InventoryDeps } from './deps.js';

// Published in-transaction services.
export * from './services.js';
export * from './returned-units.js';
