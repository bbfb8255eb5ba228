import { DomainError } from '../shared/domain-error.js';
import { quantity, type Quantity } from '../shared/quantity.js';
import { districtCode, type RegionCode } from './region.js';
import { deliveryTierFor, WAREHOUSE_TYPE_PRIORITY, type DeliveryTier, type TierNumber, type WarehouseSnapshot } from './warehouse.js';

export interface DispatchLine {
  readonly skuId: string;
  readonly quantity: number;
}

export interface DispatchCandidate {
  readonly warehouse: WarehouseSnapshot;
  /** Available units per SKU in this warehouse (dispatch layer, 调度层可用); a missing SKU has none. */
  readonly available: Readonly<Record<string, number>>;
}

export interface DispatchInput {
  readonly lines: readonly DispatchLine[];
  /** The delivery address as a district code. */
  readonly address: string;
  readonly candidates: readonly DispatchCandidate[];
}

export interface ShipmentGroup {
  readonly warehouseId: string;
  readonly lines: readonly { readonly skuId: string; readonly quantity: Quantity }[];
  readonly tier: TierNumber;
  readonly estimatedDeliveryDays: number;
}

export interface DispatchPlan {
  /** One group per warehouse, best-ranked first; one group when one warehouse serves every line. */
  readonly groups: readonly ShipmentGroup[];
  /** When the last group arrives: the largest estimate of the groups. */
  readonly estimatedDeliveryDays: number;
}

/** A candidate that survived DSP-1 (1)–(2) for the address, with the tier it matched. */
export interface RankedWarehouse extends DispatchCandidate {
  readonly tier: DeliveryTier;
}

/** Bounds of the exact fewest-warehouses search; beyond them the split is greedy. */
export const EXACT_SPLIT_MAX_WAREHOUSES = 20;
export const EXACT_SPLIT_MAX_LINES = 50;

/**
 * DSP-1 物流时效优先: chooses the warehouse(s) that ship the lines to the address.
 *
 * 1. only active warehouses with stock count (for one group: stock for every line);
 * 2. the tier whose regions cover the address ranks them: tier 1, then 2, then 3; a warehouse that
 *    does not deliver to the address at all is no candidate;
 * 3. then the type priority (`WAREHOUSE_TYPE_PRIORITY`); 4. then the warehouse's own priority, lower
 *    first; and last, the warehouse id (code-unit order) so that the answer is stable;
 * 5. choosing the carrier (SKU priority, freight) is not done here;
 * 6. split (拆单) when no single warehouse has stock for every line: the fewest warehouses that together
 *    serve every line, each line wholly from one warehouse (a line is never split across warehouses).
 *    Among covers of that size, the best-ranked one wins (compare the members best-first, like words in
 *    a dictionary); each line then goes to the best-ranked member that has its stock. The search is
 *    exact up to EXACT_SPLIT_MAX_WAREHOUSES useful warehouses (after dropping those whose servable lines
 *    a better-ranked one also serves) and EXACT_SPLIT_MAX_LINES lines; beyond that it is greedy (take
 *    the warehouse serving most uncovered lines, ties to the better-ranked), which may use more
 *    warehouses than needed.
 *
 * Lines of one SKU are added up first (`QUANTITY.INVALID` for a quantity that is not a whole number
 * ≥ 1). Rejections: `DISPATCH.NO_LINES`, `DISPATCH.INVALID_REGION`, `DISPATCH.NO_WAREHOUSE` (no active
 * warehouse delivers to the address), `DISPATCH.INSUFFICIENT_STOCK` (details name the lines that no
 * candidate can serve wholly).
 */
export function selectWarehouses(input: DispatchInput): DispatchPlan {
  const address = districtCode(input.address);
  const lines = aggregateLines(input.lines);
  const ranked = rankWarehouses(input.candidates, address);
  if (ranked.length === 0) {
    throw DomainError.invalid('DISPATCH.NO_WAREHOUSE', `no active warehouse delivers to ${address}`, { address });
  }
  const serves = ranked.map((c) => lines.map((l) => (c.available[l.skuId] ?? 0) >= l.quantity));
  const single = serves.findIndex((s) => s.every(Boolean));
  if (single >= 0) return plan([group(ranked[single]!, lines)]);

  const unserved = lines.filter((_, j) => !serves.some((s) => s[j]));
  if (unserved.length > 0) {
    throw DomainError.conflict('DISPATCH.INSUFFICIENT_STOCK', 'no warehouse delivering to the address has stock for some lines', {
      address,
      lines: unserved.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
    });
  }
  const masks = serves.map((s) => s.reduce((m, ok, j) => (ok ? m | (1n << BigInt(j)) : m), 0n));
  const chosen = fewestWarehouses(masks, lines.length);
  const groups = chosen.flatMap((i) => {
    const own = lines.filter((_, j) => chosen.find((k) => serves[k]![j]) === i);
    return own.length > 0 ? [group(ranked[i]!, own)] : [];
  });
  return plan(groups);
}

/** DSP-1 (1)–(4) without stock: the active warehouses that deliver to the address, best first. */
export function rankWarehouses(candidates: readonly DispatchCandidate[], address: RegionCode): RankedWarehouse[] {
  if (new Set(candidates.map((c) => c.warehouse.id)).size !== candidates.length) {
    throw new Error('a warehouse is listed twice among the dispatch candidates');
  }
  return candidates
    .filter((c) => c.warehouse.status === 'active')
    .flatMap((c) => {
      const tier = deliveryTierFor(c.warehouse, address);
      return tier ? [{ ...c, tier }] : [];
    })
    .sort(compareRanked);
}

function compareRanked(a: RankedWarehouse, b: RankedWarehouse): number {
  return (
    a.tier.tier - b.tier.tier ||
    WAREHOUSE_TYPE_PRIORITY[a.warehouse.type] - WAREHOUSE_TYPE_PRIORITY[b.warehouse.type] ||
    a.warehouse.priority - b.warehouse.priority ||
    (a.warehouse.id < b.warehouse.id ? -1 : a.warehouse.id > b.warehouse.id ? 1 : 0)
  );
}

function aggregateLines(input: readonly DispatchLine[]): { skuId: string; quantity: Quantity }[] {
  if (input.length === 0) throw DomainError.invalid('DISPATCH.NO_LINES', 'there is nothing to dispatch');
  const totals = new Map<string, number>();
  for (const line of input) {
    if (typeof line.skuId !== 'string' || line.skuId.length === 0) throw new RangeError('a line needs a SKU id');
    totals.set(line.skuId, (totals.get(line.skuId) ?? 0) + quantity(line.quantity));
  }
  return [...totals].map(([skuId, total]) => ({ skuId, quantity: quantity(total) }));
}

/**
 * Indexes (into the ranked list) of the warehouses of the split. `masks[i]` has bit j set when
 * warehouse i has stock for line j; every line is served by someone.
 */
function fewestWarehouses(masks: readonly bigint[], lineCount: number): number[] {
  const full = (1n << BigInt(lineCount)) - 1n;
  // A warehouse serving nothing, or only lines that a better-ranked one also serves, is never needed:
  // swapping it for that one keeps the cover as small and ranks it better.
  const useful = masks.map((_, i) => i).filter((i) => masks[i] !== 0n && !masks.slice(0, i).some((m) => (masks[i]! & ~m) === 0n));
  if (useful.length > EXACT_SPLIT_MAX_WAREHOUSES || lineCount > EXACT_SPLIT_MAX_LINES) return greedyCover(masks, useful, full);
  const suffix: bigint[] = [];
  for (let p = useful.length - 1, acc = 0n; p >= 0; p--) suffix[p] = acc |= masks[useful[p]!]!;
  // Iterative deepening over combinations in dictionary order: the first cover found is the smallest
  // and, among the smallest, the best-ranked.
  const picked: number[] = [];
  const search = (size: number, from: number, covered: bigint): boolean => {
    if (picked.length === size) return covered === full;
    for (let p = from; p <= useful.length - (size - picked.length); p++) {
      if ((covered | suffix[p]!) !== full) return false;
      picked.push(useful[p]!);
      if (search(size, p + 1, covered | masks[useful[p]!]!)) return true;
      picked.pop();
    }
    return false;
  };
  for (let size = 1; size <= useful.length; size++) if (search(size, 0, 0n)) return picked;
  throw new Error('unreachable: every line is served by some warehouse');
}

function greedyCover(masks: readonly bigint[], useful: readonly number[], full: bigint): number[] {
  const chosen: number[] = [];
  for (let covered = 0n; covered !== full; ) {
    let best = -1;
    let bestGain = 0;
    for (const i of useful) {
      const gain = bitCount(masks[i]! & ~covered);
      if (gain > bestGain) [best, bestGain] = [i, gain];
    }
    chosen.push(best);
    covered |= masks[best]!;
  }
  return chosen.sort((a, b) => a - b);
}

function bitCount(n: bigint): number {
  let count = 0;
  for (; n > 0n; n >>= 1n) count += Number(n & 1n);
  return count;
}

function group(c: RankedWarehouse, lines: readonly { skuId: string; quantity: Quantity }[]): ShipmentGroup {
  return { warehouseId: c.warehouse.id, lines, tier: c.tier.tier, estimatedDeliveryDays: c.tier.estimatedDeliveryDays };
}

function plan(groups: readonly ShipmentGroup[]): DispatchPlan {
  return { groups, estimatedDeliveryDays: Math.max(...groups.map((g) => g.estimatedDeliveryDays)) };
}
