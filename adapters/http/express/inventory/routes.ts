import { z } from 'zod';
import { id, int32, route, type Route } from '../route.js';
import { salesStock, stockChange, stockRepair, stockView } from './wire.js';

const skuParams = z.object({ skuId: id });
const reference = z.string().min(1).max(120);
const quantity = int32;

const UNKNOWN_SKU = { 404: ['INVENTORY.UNKNOWN_SKU'] };

/** Staff routes of the inventory sales layer: view, policies, and operations with a business reference. */
export const inventoryRoutes: Route[] = [
  route({
    method: 'get',
    path: '/admin/inventory/skus/:skuId',
    tag: 'inventory-admin',
    access: 'staff',
    roles: ['inventory'],
    params: skuParams,
    summary: "A SKU's sales-layer stock (sellable, locked, sold, carved out with its pools, presale) and its ledger",
    response: stockView,
    errors: UNKNOWN_SKU,
    handler: ({ zt, params }) => zt.inventory.viewStock(params),
  }),
  route({
    method: 'put',
    path: '/admin/inventory/skus/:skuId/policies',
    tag: 'inventory-admin',
    access: 'staff',
    roles: ['inventory'],
    params: skuParams,
    summary: 'Create the stock record of a catalog SKU, or set its oversell allowance, low-stock threshold and virtual flag',
    body: z
      .object({ oversellAllowance: int32.min(0).optional(), lowStockThreshold: int32.min(0).nullable().optional(), virtual: z.boolean().optional() })
      .strict(),
    response: salesStock,
    errors: UNKNOWN_SKU,
    handler: ({ zt, params, body }) => zt.inventory.configureStock({ skuId: params.skuId, ...body }),
  }),
  route({
    method: 'post',
    path: '/admin/inventory/skus/:skuId/operations',
    tag: 'inventory-admin',
    access: 'staff',
    roles: ['inventory'],
    params: skuParams,
    summary:
      'Inbound, stock-take adjustment, return, lock, unlock, deduct, presale, and carve-outs for an activity or channel pool (INV-2); replaying a reference is a no-op (INV-5)',
    body: z.discriminatedUnion('kind', [
      z.object({ kind: z.enum(['increase', 'lock', 'return', 'presale_open', 'presale_arrive']), quantity, reference }).strict(),
      z.object({ kind: z.enum(['carve_out', 'release_activity', 'activity_lock']), quantity, reference, pool: reference }).strict(),
      z.object({ kind: z.literal('adjust'), quantity, reference }).strict(),
      z.object({ kind: z.enum(['unlock', 'deduct']), quantity, reference, lockReference: reference }).strict(),
    ]),
    response: stockChange,
    errors: {
      ...UNKNOWN_SKU,
      409: [
        'INVENTORY.OUT_OF_STOCK',
        'INVENTORY.UNLOCK_EXCEEDS_LOCK',
        'INVENTORY.NOT_LOCKED',
        'INVENTORY.RETURN_EXCEEDS_SOLD',
        'INVENTORY.ADJUST_BELOW_HELD',
        'INVENTORY.CARVE_OUT_EXCEEDS_SELLABLE',
        'INVENTORY.RELEASE_EXCEEDS_ACTIVITY',
        'INVENTORY.PRESALE_EXCEEDED',
        'INVENTORY.REFERENCE_REUSED',
        'INVENTORY.COUNTER_OVERFLOW',
      ],
      422: ['QUANTITY.INVALID'],
    },
    handler: ({ zt, params, body: { reference: ref, ...operation } }) => zt.inventory.changeStock({ skuId: params.skuId, reference: ref, operation }),
  }),
  route({
    method: 'post',
    path: '/admin/inventory/consistency/repair',
    tag: 'inventory-admin',
    access: 'staff',
    roles: ['inventory'],
    summary:
      'INV-4 repair (all SKUs, or those named), one transaction: trusting the counters writes correction movements in every layer; trusting the ledger resets the sales counters to it',
    body: z.object({ skuIds: z.array(id).max(1000).optional(), trust: z.enum(['counters', 'ledger']) }).strict(),
    response: stockRepair,
    errors: { 409: ['INVENTORY.REPAIR_WOULD_OVERSELL'] },
    handler: ({ zt, body }) =>
      body.trust === 'counters'
        ? zt.inventory.repairLayeredStockConsistency({ skuIds: body.skuIds })
        : zt.inventory.repairStockConsistency({ skuIds: body.skuIds, trust: 'ledger' }),
  }),
];
