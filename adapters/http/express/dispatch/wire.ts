import { z } from 'zod';
import type { DispatchPreview } from '../../../../application/dispatch/index.js';
import { DELIVERY_TIERS, WAREHOUSE_STATUSES, WAREHOUSE_TYPES, type WarehouseSnapshot } from '../../../../domain/dispatch/warehouse.js';
import { component, count, int, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The answers of dispatch (routes.ts): warehouses with their delivery tiers, and the pre-dispatch plan (DSP-1). */

const tier = z.literal(DELIVERY_TIERS);
const warehouseType = z.enum(WAREHOUSE_TYPES);

export const warehouse = component(
  'Warehouse',
  wireObject({
    id: wireId,
    code: z.string(),
    name: z.string(),
    address: wireObject({ region: z.string(), detail: z.string() }),
    contact: wireObject({ name: z.string(), phone: z.string() }),
    type: warehouseType,
    priority: int,
    status: z.enum(WAREHOUSE_STATUSES),
    tiers: z.array(wireObject({ tier, regions: z.array(z.string()), estimatedDeliveryDays: count })),
    version: count,
  }),
);
export const warehouses = z.array(warehouse);

export const dispatchPreview = component(
  'DispatchPreview',
  wireObject({
    address: z.string(),
    estimatedDeliveryDays: count,
    groups: z.array(
      wireObject({
        warehouseId: wireId,
        warehouseCode: z.string(),
        warehouseName: z.string(),
        warehouseType,
        tier,
        estimatedDeliveryDays: count,
        lines: z.array(wireObject({ skuId: wireId, quantity: int })),
      }),
    ),
  }),
);

// Each schema is the JSON form of the type the use case returns (a compile error when either drifts).
export type DispatchWireChecks = [
  Check<Same<z.output<typeof warehouses>, Json<WarehouseSnapshot[]>>>,
  Check<Same<z.output<typeof dispatchPreview>, Json<DispatchPreview>>>,
];
