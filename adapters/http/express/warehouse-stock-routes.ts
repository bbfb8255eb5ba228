import { z } from 'zod';
import { id, int32, route, type Route } from './route.js';

// Types and sizes are checked here; quantities (sign, zero), location codes and references are the
// domain's to judge, with their own codes (QUANTITY.INVALID, INVENTORY.INVALID_LOCATION …).
const rowParams = z.object({ warehouseId: id, skuId: id });
const reference = z.string().min(1).max(120);
const quantity = int32;
const location = z.string().max(40);
const atLocation = z.object({ location, quantity, reference }).strict();
const base = '/admin/inventory/warehouses/:warehouseId/skus/:skuId';
const staff = { tag: 'inventory-admin', access: 'staff', roles: ['inventory'] } as const;

/**
 * Staff routes of the dispatch layer (调度层) and the warehouse layer (仓库层): purchase in-transit and
 * receipts, transfers, damage, moves and stock-takes at locations, a SKU in every layer, and the
 * consistency check. Every change carries a business reference; replaying it is a no-op (INV-5).
 */
export const warehouseStockRoutes: Route[] = [
  route({
    ...staff, method: 'post', path: `${base}/in-transit`, params: rowParams,
    summary: 'Purchase in transit (采购在途): the dispatch layer of the warehouse counts the units as in transit',
    body: z.object({ quantity, reference }).strict(),
    handler: ({ zt, params, body }) => zt.inventory.recordPurchaseInTransit({ ...params, ...body }),
  }),
  route({
    ...staff, method: 'post', path: `${base}/receipts`, params: rowParams,
    summary: 'Purchase receipt (采购入库): put away at a location, received in the dispatch layer (out of in-transit or not), sellable in the sales layer',
    body: z.object({ location, quantity, reference, fromInTransit: z.boolean() }).strict(),
    handler: ({ zt, params, body }) => zt.inventory.receivePurchase({ ...params, ...body }),
  }),
  route({
    ...staff, method: 'post', path: '/admin/inventory/transfers',
    summary: 'Transfer out (调拨出库): units leave a location of one warehouse and are in transit to another; the sales layer does not change',
    body: z.object({ skuId: id, fromWarehouseId: id, fromLocation: location, toWarehouseId: id, quantity, reference }).strict(),
    handler: ({ zt, body }) => zt.inventory.transferStock(body),
  }),
  route({
    ...staff, method: 'post', path: `${base}/transfer-receipts`, params: rowParams,
    summary: 'Transfer receipt (调拨入库): units in transit arrive and are put away at a location',
    body: atLocation,
    handler: ({ zt, params, body }) => zt.inventory.receiveTransfer({ ...params, ...body }),
  }),
  route({
    ...staff, method: 'post', path: `${base}/damages`, params: rowParams,
    summary: 'Damage (残损): available units at a location become unusable (warehouse), unsellable (dispatch), and leave the sales total',
    body: atLocation,
    handler: ({ zt, params, body }) => zt.inventory.markDamaged({ ...params, ...body }),
  }),
  route({
    ...staff, method: 'post', path: `${base}/write-offs`, params: rowParams,
    summary: 'Write-off (报废): damaged units leave the location and the books',
    body: atLocation,
    handler: ({ zt, params, body }) => zt.inventory.writeOffDamaged({ ...params, ...body }),
  }),
  route({
    ...staff, method: 'post', path: `${base}/moves`, params: rowParams,
    summary: 'Move (移库): available units go from one location of the warehouse to another',
    body: z.object({ fromLocation: location, toLocation: location, quantity, reference }).strict(),
    handler: ({ zt, params, body }) => zt.inventory.moveStock({ ...params, ...body }),
  }),
  route({
    ...staff, method: 'post', path: `${base}/stock-takes`, params: rowParams,
    summary: 'Stock-take (盘盈盘亏) at a location: a signed quantity, applied to the warehouse, dispatch and sales layers',
    body: atLocation,
    handler: ({ zt, params, body }) => zt.inventory.takeStock({ ...params, ...body }),
  }),
  route({
    ...staff, method: 'get', path: '/admin/inventory/skus/:skuId/layers', params: z.object({ skuId: id }),
    summary: 'A SKU in all three layers (sales, per warehouse, per location) with the ledger of each',
    handler: ({ zt, params }) => zt.inventory.viewLayeredStock(params),
  }),
  route({
    ...staff, method: 'get', path: '/admin/inventory/layers/consistency',
    summary: 'INV-4 in every layer and the dispatch book against the locations: the anomalies found (empty when consistent)',
    query: z.object({ skuId: id.optional() }),
    handler: ({ zt, query }) => zt.inventory.checkLayeredStockConsistency(query.skuId ? { skuIds: [query.skuId] } : {}),
  }),
];
