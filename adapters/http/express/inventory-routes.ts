import { z } from 'zod';
import { id, int32, route, type Route } from './route.js';

const skuParams = z.object({ skuId: id });
const reference = z.string().min(1).max(120);
const quantity = int32;

/** Staff routes of the inventory sales layer: view, policies, and operations with a business reference. */
export const inventoryRoutes: Route[] = [
  route({
    method: 'get', path: '/admin/inventory/skus/:skuId', tag: 'inventory-admin', access: 'staff', roles: ['inventory'], params: skuParams,
    summary: "A SKU's sales-layer stock (sellable, locked, sold, carved out with its pools, presale) and its ledger",
    handler: ({ zt, params }) => zt.inventory.viewStock(params),
  }),
  route({
    method: 'put', path: '/admin/inventory/skus/:skuId/policies', tag: 'inventory-admin', access: 'staff', roles: ['inventory'], params: skuParams,
    summary: 'Create the stock record of a catalog SKU, or set its oversell allowance, low-stock threshold and virtual flag',
    body: z
      .object({ oversellAllowance: int32.min(0).optional(), lowStockThreshold: int32.min(0).nullable().optional(), virtual: z.boolean().optional() })
      .strict(),
    handler: ({ zt, params, body }) => zt.inventory.configureStock({ skuId: params.skuId, ...body }),
  }),
  route({
    method: 'post', path: '/admin/inventory/skus/:skuId/operations', tag: 'inventory-admin', access: 'staff', roles: ['inventory'], params: skuParams,
    summary:
      'Inbound, stock-take adjustment, return, lock, unlock, deduct, presale, and carve-outs for an activity or channel pool (INV-2); replaying a reference is a no-op (INV-5)',
    body: z.discriminatedUnion('kind', [
      z.object({ kind: z.enum(['increase', 'lock', 'return', 'presale_open', 'presale_arrive']), quantity, reference }).strict(),
      z.object({ kind: z.enum(['carve_out', 'release_activity', 'activity_lock']), quantity, reference, pool: reference }).strict(),
      z.object({ kind: z.literal('adjust'), quantity, reference }).strict(),
      z.object({ kind: z.enum(['unlock', 'deduct']), quantity, reference, lockReference: reference }).strict(),
    ]),
    handler: ({ zt, params, body: { reference: ref, ...operation } }) => zt.inventory.changeStock({ skuId: params.skuId, reference: ref, operation }),
  }),
  route({
    method: 'post', path: '/admin/inventory/consistency/repair', tag: 'inventory-admin', access: 'staff', roles: ['inventory'],
    summary:
      'INV-4 repair (all SKUs, or those named), one transaction: trusting the counters writes correction movements in every layer; trusting the ledger resets the sales counters to it',
    body: z.object({ skuIds: z.array(id).max(1000).optional(), trust: z.enum(['counters', 'ledger']) }).strict(),
    handler: ({ zt, body }) =>
      body.trust === 'counters' ? zt.inventory.repairLayeredStockConsistency({ skuIds: body.skuIds }) : zt.inventory.repairStockConsistency({ skuIds: body.skuIds, trust: 'ledger' }),
  }),
];
