import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regionCode } from '../../../domain/dispatch/region.js';
import { selectWarehouses, type DispatchCandidate, type DispatchPlan } from '../../../domain/dispatch/selection.js';
import { Warehouse, type WarehouseType } from '../../../domain/dispatch/warehouse.js';
import { DomainError } from '../../../domain/shared/domain-error.js';

// ---- An independent model of DSP-1: its own region matching, ranking and brute-force split. ----

const REGION_POOL = ['330000', '330100', '330106', '330108', '330200', '330203', '320000', '320100', '320102', '320104'];
const ADDRESSES = ['330106', '330108', '330203', '320102', '320104', '440305'];
const TYPES = ['self_run_central', 'self_run_regional', 'supplier'] as const;
const SKUS = ['s1', 's2', 's3', 's4', 's5', 's6'];

/** The rule `rule` covers `code` (a province covers its cities and districts, a city its districts). */
function covers(rule: string, code: string): boolean {
  if (rule === code) return true;
  if (rule.endsWith('0000')) return code.startsWith(rule.slice(0, 2));
  return rule.endsWith('00') && code.startsWith(rule.slice(0, 4));
}

interface ModelWarehouse {
  readonly id: string;
  readonly type: WarehouseType;
  readonly priority: number;
  readonly active: boolean;
  readonly rules: readonly { readonly region: string; readonly tier: 1 | 2 | 3 }[];
  readonly days: readonly [number, number, number];
  readonly stock: Readonly<Record<string, number>>;
}

interface Scenario {
  readonly warehouses: readonly ModelWarehouse[];
  readonly lines: readonly { readonly skuId: string; readonly quantity: number }[];
  readonly address: string;
}

/** The best (smallest) tier with a rule covering the address, or null. */
function modelTier(w: ModelWarehouse, address: string): 1 | 2 | 3 | null {
  for (const tier of [1, 2, 3] as const) if (w.rules.some((r) => r.tier === tier && covers(r.region, address))) return tier;
  return null;
}

/** A sort key whose string order is DSP-1's order: tier, type (central, regional, supplier), priority, id. */
function rankKey(w: ModelWarehouse, address: string): string {
  const typeRank = { self_run_central: 'a', self_run_regional: 'b', supplier: 'c' }[w.type];
  return `${modelTier(w, address)}|${typeRank}|${String(w.priority).padStart(5, '0')}|${w.id}`;
}
const strictlyBetter = (a: ModelWarehouse, b: ModelWarehouse, address: string): boolean => rankKey(a, address) < rankKey(b, address);

function totals(s: Scenario): [string, number][] {
  const sums = new Map<string, number>();
  for (const l of s.lines) sums.set(l.skuId, (sums.get(l.skuId) ?? 0) + l.quantity);
  return [...sums];
}

const eligible = (s: Scenario): ModelWarehouse[] => s.warehouses.filter((w) => w.active && modelTier(w, s.address) !== null);
const hasStock = (w: ModelWarehouse, [sku, qty]: [string, number]): boolean => (w.stock[sku] ?? 0) >= qty;

type Outcome = { error: string; skus?: string[] } | { groups: [string, [string, number][]][] };

function modelPlan(s: Scenario): Outcome {
  const lines = totals(s);
  const ws = eligible(s);
  if (ws.length === 0) return { error: 'DISPATCH.NO_WAREHOUSE' };
  const best = (xs: ModelWarehouse[]) => xs.reduce((a, b) => (strictlyBetter(b, a, s.address) ? b : a));
  const full = ws.filter((w) => lines.every((l) => hasStock(w, l)));
  if (full.length > 0) return { groups: [[best(full).id, lines]] };
  const missing = lines.filter((l) => !ws.some((w) => hasStock(w, l)));
  if (missing.length > 0) return { error: 'DISPATCH.INSUFFICIENT_STOCK', skus: missing.map(([sku]) => sku) };
  let chosen: ModelWarehouse[] | null = null;
  let chosenKeys: string[] = [];
  for (let mask = 1; mask < 1 << ws.length; mask++) {
    const members = ws.filter((_, i) => (mask >> i) & 1);
    if (!lines.every((l) => members.some((w) => hasStock(w, l)))) continue;
    const keys = members.map((w) => rankKey(w, s.address)).sort();
    const better = chosen === null || keys.length < chosenKeys.length || (keys.length === chosenKeys.length && keys.join('\n') < chosenKeys.join('\n'));
    if (better) [chosen, chosenKeys] = [members, keys];
  }
  const ordered = [...chosen!].sort((a, b) => (strictlyBetter(a, b, s.address) ? -1 : 1));
  const groups = ordered.map((w): [string, [string, number][]] => [w.id, lines.filter((l) => ordered.find((m) => hasStock(m, l)) === w)]);
  return { groups: groups.filter(([, ls]) => ls.length > 0) };
}

// ---- Generators and the bridge to the implementation. ----

/** Mostly addresses that some rule can cover; now and then one outside every region (Shenzhen). */
const address = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...ADDRESSES.slice(0, 5)) }, { weight: 1, arbitrary: fc.constant('440305') });
/** Provinces and cities more often than districts, so that rules cover addresses often. */
const region = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('330000', '320000') },
  { weight: 2, arbitrary: fc.constantFrom('330100', '330200', '320100') },
  { weight: 2, arbitrary: fc.constantFrom(...REGION_POOL) },
);
/** Often none, often plenty, now and then just around a line's quantity. */
const stockLevel = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 2, arbitrary: fc.constant(9) },
);
/** Whole days per tier, never faster in a later tier. */
const days = fc.tuple(fc.nat(2), fc.nat(2), fc.nat(2)).map(([a, b, c]) => [a, a + b, a + b + c] as const);

interface ScenarioShape {
  readonly minWarehouses: number;
  readonly maxWarehouses: number;
  readonly lines: fc.Arbitrary<Scenario['lines']>;
  readonly stock: fc.Arbitrary<number>;
  readonly region: fc.Arbitrary<string>;
  readonly address: fc.Arbitrary<string>;
}

function warehouseArb(id: string, shape: ScenarioShape): fc.Arbitrary<ModelWarehouse> {
  return fc.record({
    id: fc.constant(id),
    type: fc.constantFrom(...TYPES),
    priority: fc.nat(3),
    active: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    rules: fc
      .array(fc.record({ region: shape.region, tier: fc.constantFrom(1 as const, 2 as const, 3 as const) }), { minLength: 1, maxLength: 5 })
      // Keep the first of any two overlapping rules: a warehouse's regions never overlap.
      .map((rules) => rules.filter((r, i) => !rules.slice(0, i).some((q) => covers(q.region, r.region) || covers(r.region, q.region)))),
    days,
    stock: fc.tuple(...SKUS.map(() => shape.stock)).map((ns) => Object.fromEntries(SKUS.map((sku, i) => [sku, ns[i]!]))),
  });
}

const anyShape: ScenarioShape = {
  minWarehouses: 1,
  maxWarehouses: 7,
  lines: fc.array(fc.record({ skuId: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 5 }),
  stock: stockLevel,
  region,
  address,
};

/**
 * Plans that split often: four to six different SKUs of one unit, stock 0 or 9, and regions that
 * mostly cover Xihu (西湖区) where the order goes, so several warehouses compete for the split.
 */
const splitProneShape: ScenarioShape = {
  minWarehouses: 4,
  maxWarehouses: 7,
  lines: fc.shuffledSubarray(SKUS, { minLength: 4 }).map((skus) => skus.map((skuId) => ({ skuId, quantity: 1 }))),
  stock: fc.constantFrom(0, 9),
  region: fc.constantFrom('330000', '330100', '330106', '330108', '320000'),
  address: fc.constant('330106'),
};

const scenario = (shape: ScenarioShape = anyShape): fc.Arbitrary<Scenario> =>
  fc
    .uniqueArray(fc.stringMatching(/^[a-e]{1,2}$/), { minLength: shape.minWarehouses, maxLength: shape.maxWarehouses, size: 'max' })
    .chain((ids) => fc.tuple(...ids.map((id) => warehouseArb(id, shape))))
    .chain((warehouses) => fc.record({ warehouses: fc.constant(warehouses), lines: shape.lines, address: shape.address }));
const mixed = (): fc.Arbitrary<Scenario> => fc.oneof(scenario(anyShape), scenario(splitProneShape));

function toCandidate(w: ModelWarehouse): DispatchCandidate {
  const warehouse = Warehouse.create(w.id, {
    code: w.id,
    name: w.id,
    address: { region: '330106', detail: 'x' },
    contact: { name: 'x', phone: '0571-1' },
    type: w.type,
    priority: w.priority,
    status: w.active ? 'active' : 'inactive',
    tiers: ([1, 2, 3] as const).map((tier) => ({
      tier,
      regions: w.rules.filter((r) => r.tier === tier).map((r) => r.region),
      estimatedDeliveryDays: w.days[tier - 1]!,
    })),
  });
  return { warehouse: warehouse.toSnapshot(), available: w.stock };
}

function run(s: Scenario, warehouses = s.warehouses): DispatchPlan | DomainError {
  try {
    return selectWarehouses({ lines: s.lines, address: s.address, candidates: warehouses.map(toCandidate) });
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
}

function outcomeOf(result: DispatchPlan | DomainError): Outcome {
  if (result instanceof DomainError) {
    const lines = (result.details as { lines?: { skuId: string }[] }).lines;
    return lines ? { error: result.code, skus: lines.map((l) => l.skuId) } : { error: result.code };
  }
  return { groups: result.groups.map((g) => [g.warehouseId, g.lines.map((l): [string, number] => [l.skuId, l.quantity])]) };
}

/** Runs a property over scenarios that the implementation answers with a plan. */
const plans = (predicate: (s: Scenario, plan: DispatchPlan) => void) =>
  fc.property(mixed(), (s) => {
    const result = run(s);
    if (!(result instanceof DomainError)) predicate(s, result);
  });

// ---- Properties. ----

describe('DSP-1 properties', () => {
  it('DSP-1: the plan or rejection equals that of an independent model with a brute-force split', () => {
    fc.assert(
      fc.property(mixed(), (s) => {
        expect(outcomeOf(run(s))).toEqual(modelPlan(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('DSP-1 (1): every chosen warehouse is active, delivers to the address and has stock for all its lines', () => {
    fc.assert(
      plans((s, plan) => {
        for (const g of plan.groups) {
          const w = s.warehouses.find((x) => x.id === g.warehouseId)!;
          expect(w.active).toBe(true);
          expect(modelTier(w, s.address)).toBe(g.tier);
          expect(g.estimatedDeliveryDays).toBe(w.days[g.tier - 1]);
          for (const l of g.lines) expect(w.stock[l.skuId] ?? 0).toBeGreaterThanOrEqual(l.quantity);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('DSP-1 (6): every line appears in exactly one group with its full summed quantity', () => {
    fc.assert(
      plans((s, plan) => {
        const shipped = plan.groups.flatMap((g) => g.lines.map((l): [string, number] => [l.skuId, l.quantity]));
        expect(shipped.sort()).toEqual(totals(s).sort());
        expect(new Set(plan.groups.map((g) => g.warehouseId)).size).toBe(plan.groups.length);
        expect(plan.estimatedDeliveryDays).toBe(Math.max(...plan.groups.map((g) => g.estimatedDeliveryDays)));
      }),
      { numRuns: 1000 },
    );
  });

  it('DSP-1 (6): when one warehouse can ship every line, no split is returned', () => {
    fc.assert(
      plans((s, plan) => {
        const lines = totals(s);
        if (eligible(s).some((w) => lines.every((l) => hasStock(w, l)))) expect(plan.groups).toHaveLength(1);
        else expect(plan.groups.length).toBeGreaterThan(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('DSP-1 (2)–(4): no other warehouse with stock for all lines is strictly better by the rule than the chosen one', () => {
    fc.assert(
      plans((s, plan) => {
        if (plan.groups.length !== 1) return;
        const chosen = s.warehouses.find((w) => w.id === plan.groups[0]!.warehouseId)!;
        const lines = totals(s);
        for (const other of eligible(s)) {
          if (other !== chosen && lines.every((l) => hasStock(other, l))) {
            expect(strictlyBetter(other, chosen, s.address)).toBe(false);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('DSP-1 (6): no set of fewer warehouses could ship every line, each line wholly from one', () => {
    fc.assert(
      plans((s, plan) => {
        const ws = eligible(s);
        const lines = totals(s);
        for (let mask = 1; mask < 1 << ws.length; mask++) {
          const members = ws.filter((_, i) => (mask >> i) & 1);
          if (members.length < plan.groups.length) {
            expect(lines.every((l) => members.some((w) => hasStock(w, l)))).toBe(false);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('DSP-1 tie-break: the order in which candidates are listed never changes the plan', () => {
    fc.assert(
      fc.property(
        mixed().chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray([...s.warehouses], { minLength: s.warehouses.length }))),
        ([s, shuffled]) => {
          expect(outcomeOf(run(s, shuffled))).toEqual(outcomeOf(run(s)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('DSP-1 (6): beyond the exact bound (more than 50 lines) the greedy split still ships every line once from a stocked warehouse', () => {
    const skus = Array.from({ length: 60 }, (_, j) => `g${j}`);
    const big = fc.record({
      lineCount: fc.integer({ min: 51, max: 60 }),
      stocks: fc.array(fc.array(fc.nat(2), { minLength: 60, maxLength: 60 }), { minLength: 2, maxLength: 6 }),
    });
    fc.assert(
      fc.property(big, ({ lineCount, stocks }) => {
        const lines = skus.slice(0, lineCount).map((skuId) => ({ skuId, quantity: 1 }));
        const candidates = stocks.map((stock, i): DispatchCandidate => {
          const m: ModelWarehouse = {
            id: `w${i}`,
            type: 'supplier',
            priority: i,
            active: true,
            rules: [{ region: '330000', tier: 1 }],
            days: [1, 2, 3],
            stock: {},
          };
          return { ...toCandidate(m), available: Object.fromEntries(skus.map((sku, j) => [sku, stock[j]!])) };
        });
        const servable = lines.every((l) => candidates.some((c) => (c.available[l.skuId] ?? 0) >= 1));
        let plan: DispatchPlan;
        try {
          plan = selectWarehouses({ lines, address: regionCode('330106'), candidates });
        } catch (e) {
          expect(servable).toBe(false);
          expect((e as DomainError).code).toBe('DISPATCH.INSUFFICIENT_STOCK');
          return;
        }
        const shipped = plan.groups.flatMap((g) => g.lines.map((l) => l.skuId));
        expect(shipped.sort()).toEqual(lines.map((l) => l.skuId).sort());
        for (const g of plan.groups) {
          expect(g.lines.length).toBeGreaterThan(0);
          const c = candidates.find((x) => x.warehouse.id === g.warehouseId)!;
          for (const l of g.lines) expect(c.available[l.skuId]).toBeGreaterThanOrEqual(l.quantity);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Warehouse region properties', () => {
  it('a warehouse is created iff no two of its rules overlap, and tierFor agrees with the model for every address', () => {
    const rules = fc.array(fc.record({ region: fc.constantFrom(...REGION_POOL), tier: fc.constantFrom(1 as const, 2 as const, 3 as const) }), { maxLength: 5 });
    fc.assert(
      fc.property(rules, (rs) => {
        const overlapping = rs.some((r, i) => rs.slice(0, i).some((q) => covers(q.region, r.region) || covers(r.region, q.region)));
        const m: ModelWarehouse = { id: 'w', type: 'supplier', priority: 0, active: true, rules: rs, days: [1, 2, 3], stock: {} };
        let created: DispatchCandidate;
        try {
          created = toCandidate(m);
        } catch (e) {
          expect((e as DomainError).code).toBe('DISPATCH.OVERLAPPING_REGIONS');
          expect(overlapping).toBe(true);
          return;
        }
        expect(overlapping).toBe(false);
        const w = Warehouse.restore(created.warehouse);
        for (const address of ADDRESSES) expect(w.tierFor(regionCode(address))?.tier ?? null).toBe(modelTier(m, address));
      }),
      { numRuns: 1000 },
    );
  });
});
