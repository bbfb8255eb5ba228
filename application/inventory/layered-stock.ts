import type { DispatchMovement, DispatchOperation, DispatchStock } from '../../domain/inventory/dispatch-stock.js';
import { checkLayerQuantity, checkReference, compareCodePoints, locationCode } from '../../domain/inventory/layer-stock.js';
import type { LocationMovement, LocationOperation, LocationStock } from '../../domain/inventory/location-stock.js';
import type { StockMovement } from '../../domain/inventory/movement.js';
import type { SalesStock, StockOperation } from '../../domain/inventory/sales-stock.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import { requireWarehouses } from '../dispatch/index.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { requireCatalogSku } from './lookups.js';
import { applyStockChange } from './stock-change.js';
import { INVENTORY_STORE } from './store.js';

/** One row operation of a flow across the stock layers; every step of a flow shares its SKU and reference. */
export type LayerStep =
  | { readonly layer: 'warehouse'; readonly warehouseId: string; readonly location: string; readonly operation: LocationOperation }
  | { readonly layer: 'dispatch'; readonly warehouseId: string; readonly operation: DispatchOperation }
  | { readonly layer: 'sales'; readonly operation: StockOperation };

/** What a flow did: every row it touched, after the change, with its movement (the first one on a replay). */
export interface LayeredChange {
  readonly skuId: string;
  readonly reference: string;
  /** INV-5: the flow was applied before with this reference; nothing changed. */
  readonly replayed: boolean;
  readonly warehouse: readonly { readonly stock: LocationStock; readonly movement: LocationMovement }[];
  readonly dispatch: readonly { readonly stock: DispatchStock; readonly movement: DispatchMovement }[];
  readonly sales: { readonly stock: SalesStock; readonly movement: StockMovement } | null;
}

const RANK = { warehouse: 0, dispatch: 1, sales: 2 } as const;

/**
 * The one order in which stock rows are taken: warehouse layer, then dispatch layer, then sales layer;
 * within a layer by warehouse id, then location (code points). Every flow takes its rows in this order,
 * so two flows over the same rows (a transfer A→B and one B→A, say) never wait on each other in a cycle.
 */
export function inLockOrder(steps: readonly LayerStep[]): LayerStep[] {
  const sortKey = (s: LayerStep) => [RANK[s.layer], s.layer === 'sales' ? '' : s.warehouseId, s.layer === 'warehouse' ? s.location : ''] as const;
  return [...steps].sort((a, b) => {
    const [ra, wa, la] = sortKey(a);
    const [rb, wb, lb] = sortKey(b);
    return ra - rb || compareCodePoints(wa, wb) || compareCodePoints(la, lb);
  });
}

/**
 * Applies the steps of one flow inside `tx`, in lock order. Each step is idempotent on its own key
 * (INV-5); the flow is a replay only when every step is one. A mix means the reference was used before
 * for another flow or other rows (e.g. another location): `INVENTORY.REFERENCE_REUSED`, and the unit of
 * work rolls back whatever this call applied. A sales step creates the SKU's sales record when it has none.
 */
export async function applyLayerSteps(
  tx: Transaction,
  ids: IdGenerator,
  clock: Clock,
  flow: { readonly skuId: string; readonly reference: string },
  steps: readonly LayerStep[],
): Promise<LayeredChange> {
  const { skuId, reference } = flow;
  const store = tx.use(INVENTORY_STORE);
  const at = clock.now();
  const warehouse: { stock: LocationStock; movement: LocationMovement }[] = [];
  const dispatch: { stock: DispatchStock; movement: DispatchMovement }[] = [];
  let sales: { stock: SalesStock; movement: StockMovement } | null = null;
  const replays: boolean[] = [];
  for (const step of inLockOrder(steps)) {
    if (step.layer === 'warehouse') {
      const r = await store.locationStocks.apply({
        skuId,
        warehouseId: step.warehouseId,
        location: step.location,
        reference,
        operation: step.operation,
        movementId: ids.next(),
        at,
      });
      warehouse.push({ stock: r.after, movement: r.movement });
      replays.push(r.replayed);
    } else if (step.layer === 'dispatch') {
      const r = await store.dispatchStocks.apply({ skuId, warehouseId: step.warehouseId, reference, operation: step.operation, movementId: ids.next(), at });
      dispatch.push({ stock: r.after, movement: r.movement });
      replays.push(r.replayed);
    } else {
      if (!(await store.salesStocks.get(skuId))) await store.salesStocks.configure(skuId, {});
      const r = await applyStockChange(tx, ids, clock, { skuId, reference, operation: step.operation });
      sales = { stock: r.stock, movement: r.movement };
      replays.push(r.replayed);
    }
  }
  const replayed = replays.every(Boolean);
  if (!replayed && replays.some(Boolean)) {
    throw DomainError.conflict('INVENTORY.REFERENCE_REUSED', `reference ${reference} was used before for another operation on SKU ${skuId}`, {
      skuId,
      reference,
    });
  }
  return { skuId, reference, replayed, warehouse, dispatch, sales };
}

/** A change of one SKU in one warehouse, at one location unless the flow has none. */
export interface WarehouseStockCommand {
  readonly skuId: string;
  readonly warehouseId: string;
  readonly quantity: number;
  readonly reference: string;
}

export interface LocationStockCommand extends WarehouseStockCommand {
  readonly location: string;
}

/** The skeleton of every flow: check the command, then in one unit of work the SKU, the warehouses and the steps. */
export abstract class LayeredStockFlow<C extends { readonly skuId: string; readonly reference: string; readonly quantity: number }> {
  constructor(private readonly d: UseCaseDeps) {}

  /** The operation name in messages; `signed` for stock-takes. */
  protected abstract readonly kind: string;
  protected readonly signed: boolean = false;
  /** Checks the command's own shape (locations, warehouses differ …) before anything is read. */
  protected check(_cmd: C): void {}
  protected abstract warehouseIds(cmd: C): string[];
  protected abstract steps(cmd: C): LayerStep[];

  async execute(cmd: C): Promise<LayeredChange> {
    checkReference(cmd.reference);
    checkLayerQuantity(this.kind, cmd.quantity, this.signed);
    this.check(cmd);
    return this.d.uow.run(async (tx) => {
      await requireCatalogSku(tx, cmd.skuId);
      await requireWarehouses(tx, this.warehouseIds(cmd));
      return applyLayerSteps(tx, this.d.ids, this.d.clock, cmd, this.steps(cmd));
    });
  }
}

export abstract class AtLocation<C extends LocationStockCommand = LocationStockCommand> extends LayeredStockFlow<C> {
  protected override check(cmd: C): void {
    locationCode(cmd.location);
  }
  protected warehouseIds(cmd: C): string[] {
    return [cmd.warehouseId];
  }
}
