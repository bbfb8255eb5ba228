import { z } from 'zod';
import { WAREHOUSE_STATUSES, WAREHOUSE_TYPES } from '../../../domain/dispatch/warehouse.js';
import { id, int32, route, type Route } from './route.js';

// Types and sizes are checked here; shapes with a business meaning (region codes, tiers, days,
// quantities, priorities, code patterns) are the domain's to judge, with their own codes.
const region = z.string().max(12);
const tier = z.object({ tier: int32, regions: z.array(region).max(500), estimatedDeliveryDays: int32 }).strict();
const warehouseFields = {
  code: z.string().max(64),
  name: z.string().max(200),
  address: z.object({ region, detail: z.string().max(500) }).strict(),
  contact: z.object({ name: z.string().max(100), phone: z.string().max(40) }).strict(),
  type: z.enum(WAREHOUSE_TYPES),
  priority: int32,
  status: z.enum(WAREHOUSE_STATUSES),
  tiers: z.array(tier).max(10),
};
const warehouseParams = z.object({ warehouseId: id });
const line = z.object({ skuId: id, quantity: int32 }).strict();

/** Staff routes of dispatch (调度中心): warehouses and their regions, pre-dispatch (DSP-1). */
export const dispatchRoutes: Route[] = [
  route({
    method: 'get', path: '/admin/dispatch/warehouses', tag: 'dispatch-admin', access: 'staff', roles: ['dispatch'],
    summary: 'Every warehouse, or those of one status, by code',
    query: z.object({ status: z.enum(WAREHOUSE_STATUSES).optional() }),
    handler: ({ zt, query }) => zt.dispatch.listWarehouses(query),
  }),
  route({
    method: 'post', path: '/admin/dispatch/warehouses', tag: 'dispatch-admin', access: 'staff', roles: ['dispatch'], status: 201,
    summary: 'Create a warehouse with its tiered delivery regions (no two regions may overlap; codes are unique)',
    body: z.object({ ...warehouseFields, status: warehouseFields.status.optional(), tiers: warehouseFields.tiers.optional() }).strict(),
    handler: ({ zt, body }) => zt.dispatch.createWarehouse(body),
  }),
  route({
    method: 'patch', path: '/admin/dispatch/warehouses/:warehouseId', tag: 'dispatch-admin', access: 'staff', roles: ['dispatch'],
    summary: "Change a warehouse's fields or status; `tiers` replaces every delivery tier and its regions",
    params: warehouseParams, body: z.object(warehouseFields).partial().strict(),
    handler: ({ zt, params, body }) => zt.dispatch.updateWarehouse({ warehouseId: params.warehouseId, ...body }),
  }),
  route({
    method: 'post', path: '/admin/dispatch/preview', tag: 'dispatch-admin', access: 'staff', roles: ['dispatch'],
    summary: 'Pre-dispatch (预调度): the warehouse(s) that would ship the lines to a district, by DSP-1, with delivery days',
    body: z.object({ address: region, lines: z.array(line).max(200) }).strict(),
    handler: ({ zt, body }) => zt.dispatch.previewDispatch(body),
  }),
];
