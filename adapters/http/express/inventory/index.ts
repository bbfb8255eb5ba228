// The inventory context over HTTP: the sales layer's routes, the dispatch and warehouse layers' routes, and their answer schemas.
export { inventoryRoutes } from './routes.js';
export { warehouseStockRoutes } from './layer-routes.js';
