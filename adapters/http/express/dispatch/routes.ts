import { z } from 'zod';
import { WAREHOUSE_STATUSES, WAREHOUSE_TYPES } from '../../../../domain/dispatch/warehouse.js';
import { id, int32, route, type Route } from '../route.js';
import { dispatchPreview, warehouse, warehouses } from './wire.js';

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

// The business codes of a warehouse's fields: each field's shape, its regions and tiers, a free code.
const WAREHOUSE_FIELDS = {
  409: ['DISPATCH.DUPLICATE_WAREHOUSE_CODE'],
  422: [
    'DISPATCH.INVALID_CODE',
    'DISPATCH.INVALID_NAME',
    'DISPATCH.INVALID_ADDRESS',
    'DISPATCH.INVALID_CONTACT',
    'DISPATCH.INVALID_PRIORITY',
    'DISPATCH.INVALID_REGION',
    'DISPATCH.INVALID_TIER',
    'DISPATCH.INVALID_DELIVERY_TIME',
    'DISPATCH.OVERLAPPING_REGIONS',
  ],
};

/** Staff routes of dispatch (调度中心): warehouses and their regions, pre-dispatch (DSP-1). */
export const dispatchRoutes: Route[] = [
  route({
    method: 'get',
    path: '/admin/dispatch/warehouses',
    tag: 'dispatch-admin',
    access: 'staff',
    roles: ['dispatch'],
    summary: 'Every warehouse, or those of one status, by code',
    query: z.object({ status: z.enum(WAREHOUSE_STATUSES).optional() }),
    response: warehouses,
    errors: {},
    handler: ({ zt, query }) => zt.dispatch.listWarehouses(query),
  }),
  route({
    method: 'post',
    path: '/admin/dispatch/warehouses',
    tag: 'dispatch-admin',
    access: 'staff',
    roles: ['dispatch'],
    status: 201,
    summary: 'Create a warehouse with its tiered delivery regions (no two regions may overlap; codes are unique)',
    body: z.object({ ...warehouseFields, status: warehouseFields.status.optional(), tiers: warehouseFields.tiers.optional() }).strict(),
    response: warehouse,
    errors: WAREHOUSE_FIELDS,
    handler: ({ zt, body }) => zt.dispatch.createWarehouse(body),
  }),
  route({
    method: 'patch',
    path: '/admin/dispatch/warehouses/:warehouseId',
    tag: 'dispatch-admin',
    access: 'staff',
    roles: ['dispatch'],
    summary: "Change a warehouse's fields or status; `tiers` replaces every delivery tier and its regions",
    params: warehouseParams,
    body: z.object(warehouseFields).partial().strict(),
    response: warehouse,
    errors: { ...WAREHOUSE_FIELDS, 404: ['DISPATCH.WAREHOUSE_NOT_FOUND'] },
    handler: ({ zt, params, body }) => zt.dispatch.updateWarehouse({ warehouseId: params.warehouseId, ...body }),
  }),
  route({
    method: 'post',
    path: '/admin/dispatch/preview',
    tag: 'dispatch-admin',
    access: 'staff',
    roles: ['dispatch'],
    summary: 'Pre-dispatch (预调度): the warehouse(s) that would ship the lines to a district, by DSP-1, with delivery days',
    body: z.object({ address: region, lines: z.array(line).max(200) }).strict(),
    response: dispatchPreview,
    errors: {
      404: ['DISPATCH.UNKNOWN_SKU'],
      409: ['DISPATCH.INSUFFICIENT_STOCK'],
      422: ['DISPATCH.INVALID_REGION', 'DISPATCH.NO_LINES', 'QUANTITY.INVALID', 'DISPATCH.NO_WAREHOUSE'],
    },
    handler: ({ zt, body }) => zt.dispatch.previewDispatch(body),
  }),
];
