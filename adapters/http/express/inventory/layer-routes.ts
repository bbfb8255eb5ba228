import { z } from 'zod';
import { errorsOf, id, int32, route, type Route } from '../route.js';
import { layerAnomalies, layeredChange, layeredStockView } from './wire.js';

// Types and sizes are checked here; quantities (sign, zero), location codes and references are the
// domain's to judge, with their own codes (QUANTITY.INVALID, INVENTORY.INVALID_LOCATION …).
const rowParams = z.object({ warehouseId: id, skuId: id });
const reference = z.string().min(1).max(120);
const quantity = int32;
const location = z.string().max(40);
const atLocation = z.object({ location, quantity, reference }).strict();
const base = '/admin/inventory/warehouses/:warehouseId/skus/:skuId';
const staff = { tag: 'inventory-admin', access: 'staff', roles: ['inventory'] } as const;

// The business codes of every flow (its SKU, warehouses, reference and quantity), and of every flow at a location.
const FLOW = {
  404: ['INVENTORY.UNKNOWN_SKU', 'DISPATCH.WAREHOUSE_NOT_FOUND'],
  409: ['INVENTORY.REFERENCE_REUSED', 'INVENTORY.COUNTER_OVERFLOW'],
  422: ['QUANTITY.INVALID', 'INVENTORY.INVALID_REFERENCE'],
};
const AT_LOCATION = errorsOf(FLOW, { 422: ['INVENTORY.INVALID_LOCATION'] });

/**
 * Staff routes of the dispatch layer (调度层) and the warehouse layer (仓库层): purchase in-transit and
 * receipts, transfers, damage, moves and stock-takes at locations, a SKU in every layer, and the
 * consistency check. Every change carries a business reference; replaying it is a no-op (INV-5).
 */
export const warehouseStockRoutes: Route[] = [
  route({
    ...staff,
    method: 'post',
    path: `${base}/in-transit`,
    params: rowParams,
    summary: 'Purchase in transit (采购在途): the dispatch layer of the warehouse counts the units as in transit',
    body: z.object({ quantity, reference }).strict(),
    response: layeredChange,
    errors: FLOW,
    handler: ({ zt, params, body }) => zt.inventory.recordPurchaseInTransit({ ...params, ...body }),
  }),
  route({
    ...staff,
    method: 'post',
    path: `${base}/receipts`,
    params: rowParams,
    summary: 'Purchase receipt (采购入库): put away at a location, received in the dispatch layer (out of in-transit or not), sellable in the sales layer',
    body: z.object({ location, quantity, reference, fromInTransit: z.boolean() }).strict(),
    response: layeredChange,
    errors: errorsOf(AT_LOCATION, { 409: ['INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT'] }),
    handler: ({ zt, params, body }) => zt.inventory.receivePurchase({ ...params, ...body }),
  }),
  route({
    ...staff,
    method: 'post',
    path: '/admin/inventory/transfers',
    summary: 'Transfer out (调拨出库): units leave a location of one warehouse and are in transit to another; the sales layer does not change',
    body: z.object({ skuId: id, fromWarehouseId: id, fromLocation: location, toWarehouseId: id, quantity, reference }).strict(),
    response: layeredChange,
    errors: errorsOf(AT_LOCATION, { 409: ['INVENTORY.INSUFFICIENT_AVAILABLE'], 422: ['INVENTORY.TRANSFER_SAME_WAREHOUSE'] }),
    handler: ({ zt, body }) => zt.inventory.transferStock(body),
  }),
  route({
    ...staff,
    method: 'post',
    path: `${base}/transfer-receipts`,
    params: rowParams,
    summary: 'Transfer receipt (调拨入库): units in transit arrive and are put away at a location',
    body: atLocation,
    response: layeredChange,
    errors: errorsOf(AT_LOCATION, { 409: ['INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT'] }),
    handler: ({ zt, params, body }) => zt.inventory.receiveTransfer({ ...params, ...body }),
  }),
  route({
    ...staff,
    method: 'post',
    path: `${base}/damages`,
    params: rowParams,
    summary: 'Damage (残损): available units at a location become unusable (warehouse), unsellable (dispatch), and leave the sales total',
    body: atLocation,
    response: layeredChange,
    errors: errorsOf(AT_LOCATION, { 409: ['INVENTORY.INSUFFICIENT_AVAILABLE', 'INVENTORY.ADJUST_BELOW_HELD'] }),
    handler: ({ zt, params, body }) => zt.inventory.markDamaged({ ...params, ...body }),
  }),
  route({
    ...staff,
    method: 'post',
    path: `${base}/write-offs`,
    params: rowParams,
    summary: 'Write-off (报废): damaged units leave the location and the books',
    body: atLocation,
    response: layeredChange,
    errors: errorsOf(AT_LOCATION, { 409: ['INVENTORY.WRITE_OFF_EXCEEDS_DAMAGED'] }),
    handler: ({ zt, params, body }) => zt.inventory.writeOffDamaged({ ...params, ...body }),
  }),
  route({
    ...staff,
    method: 'post',
    path: `${base}/moves`,
    params: rowParams,
    summary: 'Move (移库): available units go from one location of the warehouse to another',
    body: z.object({ fromLocation: location, toLocation: location, quantity, reference }).strict(),
    response: layeredChange,
    errors: errorsOf(AT_LOCATION, { 409: ['INVENTORY.INSUFFICIENT_AVAILABLE'], 422: ['INVENTORY.MOVE_SAME_LOCATION'] }),
    handler: ({ zt, params, body }) => zt.inventory.moveStock({ ...params, ...body }),
  }),
  route({
    ...staff,
    method: 'post',
    path: `${base}/stock-takes`,
    params: rowParams,
    summary: 'Stock-take (盘盈盘亏) at a location: a signed quantity, applied to the warehouse, dispatch and sales layers',
    body: atLocation,
    response: layeredChange,
    errors: errorsOf(AT_LOCATION, { 409: ['INVENTORY.ADJUST_BELOW_ZERO', 'INVENTORY.ADJUST_BELOW_HELD'] }),
    handler: ({ zt, params, body }) => zt.inventory.takeStock({ ...params, ...body }),
  }),
  route({
    ...staff,
    method: 'get',
    path: '/admin/inventory/skus/:skuId/layers',
    params: z.object({ skuId: id }),
    summary: 'A SKU in all three layers (sales, per warehouse, per location) with the ledger of each',
    response: layeredStockView,
    errors: { 404: ['INVENTORY.UNKNOWN_SKU'] },
    handler: ({ zt, params }) => zt.inventory.viewLayeredStock(params),
  }),
  route({
    ...staff,
    method: 'get',
    path: '/admin/inventory/layers/consistency',
    summary: 'INV-4 in every layer and the dispatch book against the locations: the anomalies found (empty when consistent)',
    query: z.object({ skuId: id.optional() }),
    response: layerAnomalies,
    errors: {},
    handler: ({ zt, query }) => zt.inventory.checkLayeredStockConsistency(query.skuId ? { skuIds: [query.skuId] } : {}),
  }),
];
