import { districtCode } from '../../domain/dispatch/region.js';
import { selectWarehouses, type DispatchLine } from '../../domain/dispatch/selection.js';
import type { TierNumber, WarehouseType } from '../../domain/dispatch/warehouse.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { quantity } from '../../domain/shared/quantity.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { requireSkus } from './lookups.js';
import { dispatchCandidates } from './services.js';

export interface PreviewDispatchCommand {
  /** The delivery address as a district code (`330106`). */
  readonly address: string;
  readonly lines: readonly DispatchLine[];
}

export interface PreviewShipmentGroup {
  readonly warehouseId: string;
  readonly warehouseCode: string;
  readonly warehouseName: string;
  readonly warehouseType: WarehouseType;
  readonly tier: TierNumber;
  readonly estimatedDeliveryDays: number;
  readonly lines: readonly { readonly skuId: string; readonly quantity: number }[];
}

export interface DispatchPreview {
  readonly address: string;
  /** When the last group arrives. */
  readonly estimatedDeliveryDays: number;
  /** One group per warehouse, best-ranked first (several only when split, 拆单). */
  readonly groups: readonly PreviewShipmentGroup[];
}

/**
 * Pre-dispatch (预调度): which warehouse(s) would ship these lines to the address, and when they would
 * arrive. Reads the active warehouses and the `available` units of the dispatch layer of stock (调度层可用)
 * in each, then applies DSP-1 (`selectWarehouses`). Writes nothing, reserves nothing.
 */
export class PreviewDispatch {
  constructor(private readonly d: UseCaseDeps) {}

  async execute(cmd: PreviewDispatchCommand): Promise<DispatchPreview> {
    const address = districtCode(cmd.address);
    if (cmd.lines.length === 0) throw DomainError.invalid('DISPATCH.NO_LINES', 'there is nothing to dispatch');
    for (const line of cmd.lines) quantity(line.quantity);
    const skuIds = [...new Set(cmd.lines.map((l) => l.skuId))];
    return this.d.uow.run(async (tx) => {
      await requireSkus(tx, skuIds);
      const candidates = await dispatchCandidates(tx, skuIds);
      const plan = selectWarehouses({ address, lines: cmd.lines, candidates });
      const byId = new Map(candidates.map(({ warehouse: w }) => [w.id, w]));
      const groups = plan.groups.map((g): PreviewShipmentGroup => {
        const w = byId.get(g.warehouseId)!;
        return {
          warehouseId: w.id,
          warehouseCode: w.code,
          warehouseName: w.name,
          warehouseType: w.type,
          tier: g.tier,
          estimatedDeliveryDays: g.estimatedDeliveryDays,
          lines: g.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
        };
      });
      return { address, estimatedDeliveryDays: plan.estimatedDeliveryDays, groups };
    });
  }
}
