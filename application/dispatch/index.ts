// The dispatch context's public edge (调度中心, spec §3): its use cases, and what other contexts ask of the
// warehouses inside their own transaction (`requireWarehouses`, `dispatchCandidates`).
export * from './create-warehouse.js';
export * from './update-warehouse.js';
export * from './list-warehouses.js';
export * from './preview-dispatch.js';
export * from './services.js';
