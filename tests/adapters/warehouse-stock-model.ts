import fc from 'fast-check';
import { INVENTORY_STORE } from '../../application/inventory/store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { R, warehouseFields } from '../domain/dispatch/dispatch-mothers.js';

/**
 * Model-based test of the dispatch layer (调度层) and the warehouse layer (仓库层) through the use cases:
 * random flows (receipts, transfers, damage, moves, stock-takes, assignment, picking, shipping) with
 * replayed and reused references, over-asks, unknown warehouses and bad input, on one SKU in two
 * warehouses. The model restates the rules: each flow moves n units between places of each layer it
 * touches; a step whose source place lacks the units is refused; rows are taken in the documented lock
 * order (warehouse layer, dispatch layer, sales layer; by warehouse id, then location); a flow is a
 * replay iff every step's key was applied with the same quantity and counters.
 */

type DPlace = 'outside' | 'inTransit' | 'available' | 'unsellable' | 'used';
type LPlace = 'outside' | 'available' | 'locked' | 'shipped' | 'unusable';
const D_FIELDS = ['inTransit', 'available', 'unsellable', 'used'] as const;
const L_FIELDS = ['available', 'locked', 'shipped', 'unusable'] as const;
type DRow = Record<(typeof D_FIELDS)[number], number>;
type LRow = Record<(typeof L_FIELDS)[number], number>;

/** From where to where a step moves its units, and the code when the source lacks them. */
const D_RULES: Record<string, [DPlace, DPlace, string]> = {
  in_transit: ['outside', 'inTransit', ''],
  receive_in_transit: ['inTransit', 'available', 'INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT'],
  receive_direct: ['outside', 'available', ''],
  transfer_out: ['available', 'outside', 'INVENTORY.INSUFFICIENT_AVAILABLE'],
  transfer_in: ['outside', 'inTransit', ''],
  transfer_receive: ['inTransit', 'available', 'INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT'],
  damage: ['available', 'unsellable', 'INVENTORY.INSUFFICIENT_AVAILABLE'],
  write_off: ['unsellable', 'outside', 'INVENTORY.WRITE_OFF_EXCEEDS_DAMAGED'],
  adjust_gain: ['outside', 'available', ''],
  adjust_loss: ['available', 'outside', 'INVENTORY.ADJUST_BELOW_ZERO'],
  assign: ['available', 'used', 'INVENTORY.INSUFFICIENT_AVAILABLE'],
  release: ['used', 'available', 'INVENTORY.RELEASE_EXCEEDS_USED'],
  ship: ['used', 'outside', 'INVENTORY.SHIP_EXCEEDS_USED'],
};
const L_RULES: Record<string, [LPlace, LPlace, string]> = {
  put_away: ['outside', 'available', ''],
  transfer_out: ['available', 'outside', 'INVENTORY.INSUFFICIENT_AVAILABLE'],
  transfer_in: ['outside', 'available', ''],
  mark_unusable: ['available', 'unusable', 'INVENTORY.INSUFFICIENT_AVAILABLE'],
  write_off: ['unusable', 'outside', 'INVENTORY.WRITE_OFF_EXCEEDS_DAMAGED'],
  move_out: ['available', 'outside', 'INVENTORY.INSUFFICIENT_AVAILABLE'],
  move_in: ['outside', 'available', ''],
  adjust_gain: ['outside', 'available', ''],
  adjust_loss: ['available', 'outside', 'INVENTORY.ADJUST_BELOW_ZERO'],
  lock: ['available', 'locked', 'INVENTORY.INSUFFICIENT_AVAILABLE'],
  unlock: ['locked', 'available', 'INVENTORY.UNLOCK_EXCEEDS_LOCK'],
  ship: ['locked', 'shipped', 'INVENTORY.SHIP_EXCEEDS_LOCKED'],
};

type Step =
  | { layer: 'L'; w: string; loc: string; kind: string; rule: string }
  | { layer: 'D'; w: string; kind: string; rule: string }
  | { layer: 'S'; kind: 'increase' | 'adjust'; signed: number };

const FLOWS = [
  'in_transit',
  'receive',
  'transfer',
  'receive_transfer',
  'damage',
  'write_off',
  'move',
  'take_stock',
  'assign',
  'release',
  'pick',
  'unpick',
  'ship',
] as const;
type Flow = (typeof FLOWS)[number];

interface Cmd {
  flow: Flow;
  w: number; // 0, 1: the two warehouses; 2: an unknown one
  w2: number;
  loc: string;
  loc2: string;
  quantity: number;
  reference: string;
  fromInTransit: boolean;
}

interface Model {
  dispatch: Map<string, DRow>;
  locations: Map<string, LRow>;
  salesTotal: number | null;
  /** Applied keys → quantity and counters moved (the replay signature). */
  applied: Map<string, string>;
  /** The flows applied so far, for replays. */
  history: Cmd[];
}

interface Real {
  zt: Zhongtai;
  skuId: string;
  warehouses: [string, string];
}

function stepsOf(c: Cmd, w: string, w2: string): Step[] {
  const n = c.quantity;
  const adjust = n > 0 ? 'adjust_gain' : 'adjust_loss';
  switch (c.flow) {
    case 'in_transit':
      return [{ layer: 'D', w, kind: 'in_transit', rule: 'in_transit' }];
    case 'receive':
      return [
        { layer: 'L', w, loc: c.loc, kind: 'put_away', rule: 'put_away' },
        { layer: 'D', w, kind: 'receive', rule: c.fromInTransit ? 'receive_in_transit' : 'receive_direct' },
        { layer: 'S', kind: 'increase', signed: n },
      ];
    case 'transfer':
      return [
        { layer: 'L', w, loc: c.loc, kind: 'transfer_out', rule: 'transfer_out' },
        { layer: 'D', w, kind: 'transfer_out', rule: 'transfer_out' },
        { layer: 'D', w: w2, kind: 'transfer_in', rule: 'transfer_in' },
      ];
    case 'receive_transfer':
      return [
        { layer: 'L', w, loc: c.loc, kind: 'transfer_in', rule: 'transfer_in' },
        { layer: 'D', w, kind: 'transfer_receive', rule: 'transfer_receive' },
      ];
    case 'damage':
      return [
        { layer: 'L', w, loc: c.loc, kind: 'mark_unusable', rule: 'mark_unusable' },
        { layer: 'D', w, kind: 'damage', rule: 'damage' },
        { layer: 'S', kind: 'adjust', signed: -n },
      ];
    case 'write_off':
      return [
        { layer: 'L', w, loc: c.loc, kind: 'write_off', rule: 'write_off' },
        { layer: 'D', w, kind: 'write_off', rule: 'write_off' },
      ];
    case 'move':
      return [
        { layer: 'L', w, loc: c.loc, kind: 'move_out', rule: 'move_out' },
        { layer: 'L', w, loc: c.loc2, kind: 'move_in', rule: 'move_in' },
      ];
    case 'take_stock':
      return [
        { layer: 'L', w, loc: c.loc, kind: 'adjust', rule: adjust },
        { layer: 'D', w, kind: 'adjust', rule: adjust },
        { layer: 'S', kind: 'adjust', signed: n },
      ];
    case 'assign':
    case 'release':
      return [{ layer: 'D', w, kind: c.flow, rule: c.flow }];
    case 'pick':
      return [{ layer: 'L', w, loc: c.loc, kind: 'lock', rule: 'lock' }];
    case 'unpick':
      return [{ layer: 'L', w, loc: c.loc, kind: 'unlock', rule: 'unlock' }];
    case 'ship':
      return [
        { layer: 'L', w, loc: c.loc, kind: 'ship', rule: 'ship' },
        { layer: 'D', w, kind: 'ship', rule: 'ship' },
      ];
  }
}

const RANK = { L: 0, D: 1, S: 2 } as const;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const lockOrder = (a: Step, b: Step) =>
  RANK[a.layer] - RANK[b.layer] ||
  cmp(a.layer === 'S' ? '' : a.w, b.layer === 'S' ? '' : b.w) ||
  cmp(a.layer === 'L' ? a.loc : '', b.layer === 'L' ? b.loc : '');

const GOOD_LOCATION = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,38}[A-Za-z0-9])?$/;

/** The model's verdict on a flow: an error code, 'replay', or null (applied; `next` is the new model). */
function expected(m: Model, c: Cmd, ids: [string, string]): { outcome: string | null; next?: Model } {
  const n = c.quantity;
  if (!Number.isInteger(n) || (c.flow === 'take_stock' ? n === 0 : n < 1)) return { outcome: 'QUANTITY.INVALID' };
  const atLocation = !['in_transit', 'assign', 'release'].includes(c.flow);
  if (atLocation && !GOOD_LOCATION.test(c.loc)) return { outcome: 'INVENTORY.INVALID_LOCATION' };
  if (c.flow === 'move' && !GOOD_LOCATION.test(c.loc2)) return { outcome: 'INVENTORY.INVALID_LOCATION' };
  if (c.flow === 'transfer' && c.w === c.w2) return { outcome: 'INVENTORY.TRANSFER_SAME_WAREHOUSE' };
  if (c.flow === 'move' && c.loc === c.loc2) return { outcome: 'INVENTORY.MOVE_SAME_LOCATION' };
  if (c.w === 2 || (c.flow === 'transfer' && c.w2 === 2)) return { outcome: 'DISPATCH.WAREHOUSE_NOT_FOUND' };

  const next: Model = {
    dispatch: new Map([...m.dispatch].map(([k, v]) => [k, { ...v }])),
    locations: new Map([...m.locations].map(([k, v]) => [k, { ...v }])),
    salesTotal: m.salesTotal,
    applied: new Map(m.applied),
    history: [...m.history, c],
  };
  const replays: boolean[] = [];
  for (const s of stepsOf(c, ids[c.w]!, ids[c.w2 % 2]!).sort(lockOrder)) {
    const size = Math.abs(n);
    let key: string;
    let signature: string;
    let move: () => string | null;
    if (s.layer === 'S') {
      key = `S|${s.kind}|${c.reference}`;
      signature = String(s.signed);
      move = () => {
        const total = next.salesTotal ?? 0;
        if (total + s.signed < 0) return 'INVENTORY.ADJUST_BELOW_HELD';
        next.salesTotal = total + s.signed;
        return null;
      };
    } else {
      const rows = (s.layer === 'D' ? next.dispatch : next.locations) as Map<string, Record<string, number>>;
      const rowKey = s.layer === 'D' ? s.w : `${s.w}|${s.loc}`;
      const [from, to, code] = (s.layer === 'D' ? D_RULES : L_RULES)[s.rule]!;
      key = `${s.layer}|${rowKey}|${s.kind}|${c.reference}`;
      signature = `${n}|${from}>${to}`;
      move = () => {
        const row = rows.get(rowKey) ?? Object.fromEntries((s.layer === 'D' ? D_FIELDS : L_FIELDS).map((f) => [f, 0]));
        if (from !== 'outside' && row[from]! < size) return code;
        if (from !== 'outside') row[from]! -= size;
        if (to !== 'outside') row[to]! += size;
        rows.set(rowKey, row);
        return null;
      };
    }
    const earlier = next.applied.get(key);
    if (earlier !== undefined) {
      if (earlier !== signature) return { outcome: 'INVENTORY.REFERENCE_REUSED' };
      replays.push(true);
      continue;
    }
    if (s.layer === 'S' && next.salesTotal === null) next.salesTotal = 0;
    const refused = move();
    if (refused) return { outcome: refused };
    next.applied.set(key, signature);
    replays.push(false);
  }
  if (replays.every(Boolean)) return { outcome: 'replay' };
  if (replays.some(Boolean)) return { outcome: 'INVENTORY.REFERENCE_REUSED' };
  return { outcome: null, next };
}

function call(r: Real, c: Cmd) {
  const inv = r.zt.inventory;
  const warehouseId = r.warehouses[c.w] ?? 'no-such-warehouse';
  const base = { skuId: r.skuId, warehouseId, quantity: c.quantity, reference: c.reference };
  const at = { ...base, location: c.loc };
  switch (c.flow) {
    case 'in_transit':
      return inv.recordPurchaseInTransit(base);
    case 'receive':
      return inv.receivePurchase({ ...at, fromInTransit: c.fromInTransit });
    case 'transfer':
      return inv.transferStock({
        skuId: r.skuId,
        fromWarehouseId: warehouseId,
        fromLocation: c.loc,
        toWarehouseId: r.warehouses[c.w2] ?? 'no-such-warehouse',
        quantity: c.quantity,
        reference: c.reference,
      });
    case 'receive_transfer':
      return inv.receiveTransfer(at);
    case 'damage':
      return inv.markDamaged(at);
    case 'write_off':
      return inv.writeOffDamaged(at);
    case 'move':
      return inv.moveStock({ ...base, fromLocation: c.loc, toLocation: c.loc2 });
    case 'take_stock':
      return inv.takeStock(at);
    case 'assign':
      return inv.assignStock(base);
    case 'release':
      return inv.releaseStock(base);
    case 'pick':
      return inv.pickStock(at);
    case 'unpick':
      return inv.unpickStock(at);
    case 'ship':
      return inv.shipStock(at);
  }
}

class FlowCommand implements fc.AsyncCommand<Model, Real> {
  /**
   * With `replayOf` instead of a flow: run the n-th applied flow again (modulo their number), as it was
   * (a replay) or with `change` applied (its reference reused for something else).
   */
  constructor(
    readonly c: Cmd | null,
    readonly replayOf?: number,
    readonly change?: Partial<Cmd>,
  ) {}
  check = (m: Readonly<Model>) => this.replayOf === undefined || m.history.length > 0;
  async run(m: Model, r: Real): Promise<void> {
    const c = this.c ?? { ...m.history[this.replayOf! % m.history.length]!, ...this.change };
    this.label = this.replayOf === undefined ? JSON.stringify(c) : `replay ${JSON.stringify(c)}`;
    const want = expected(m, c, r.warehouses);
    let got: string | null = null;
    try {
      if ((await call(r, c)).replayed) got = 'replay';
    } catch (e) {
      if (!isDomainError(e)) throw e;
      got = e.code;
    }
    expect(got).toBe(want.outcome);
    if (want.next) Object.assign(m, want.next);

    const [dispatchRows, locationRows, sales] = await r.zt.persistence
      .unitOfWork({ publish: async () => {} })
      .run((tx) =>
        Promise.all([
          tx.use(INVENTORY_STORE).dispatchStocks.ofSku(r.skuId),
          tx.use(INVENTORY_STORE).locationStocks.ofSku(r.skuId),
          tx.use(INVENTORY_STORE).salesStocks.get(r.skuId),
        ]),
      );
    expect(Object.fromEntries(dispatchRows.map(({ warehouseId, skuId: _s, ...counters }) => [warehouseId, counters]))).toEqual(
      Object.fromEntries([...m.dispatch].map(([w, row]) => [w, { ...row, book: row.available + row.unsellable + row.used }])),
    );
    expect(Object.fromEntries(locationRows.map(({ warehouseId, location, skuId: _s, ...counters }) => [`${warehouseId}|${location}`, counters]))).toEqual(
      Object.fromEntries(m.locations),
    );
    expect(sales?.total ?? null).toBe(m.salesTotal);
    for (const w of dispatchRows) {
      // The dispatch layer's own invariant: never negative, book = available + unsellable + used.
      expect(Math.min(w.book, w.available, w.inTransit, w.unsellable, w.used)).toBeGreaterThanOrEqual(0);
      expect(w.book).toBe(w.available + w.unsellable + w.used);
    }
    for (const l of locationRows) expect(Math.min(l.available, l.locked, l.shipped, l.unusable)).toBeGreaterThanOrEqual(0);
    // INV-4 in every layer, and the dispatch book equals the units on the locations.
    expect(await r.zt.inventory.checkLayeredStockConsistency({ skuIds: [r.skuId] })).toEqual([]);
  }
  private label = '';
  toString = () => this.label || (this.replayOf === undefined ? JSON.stringify(this.c) : `replay #${this.replayOf}`);
}

const cmdArb: fc.Arbitrary<Cmd> = fc.record({
  // Receipts and in-transit more often, so that the other flows find stock to work on.
  flow: fc.constantFrom<Flow>(...FLOWS, 'receive', 'receive', 'in_transit', 'receive_transfer', 'transfer'),
  w: fc.constantFrom(0, 0, 0, 1, 1, 1, 2),
  w2: fc.constantFrom(0, 1, 1, 1, 2),
  loc: fc.constantFrom('A-01', 'A-01', 'A-01', 'B-02', 'B-02', 'bad loc'),
  loc2: fc.constantFrom('A-01', 'B-02', 'C-03'),
  // Mostly valid and small (over-asks are common anyway), sometimes zero or negative.
  quantity: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 0 }) }),
  reference: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6'),
  fromInTransit: fc.boolean(),
});
const changeArb: fc.Arbitrary<Partial<Cmd>> = fc.oneof(
  fc.record({ quantity: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ loc: fc.constantFrom('A-01', 'B-02') }),
  fc.record({ w: fc.constantFrom(0, 1) }),
  fc.record({ fromInTransit: fc.boolean() }),
  fc.record({ flow: fc.constantFrom<Flow>('damage', 'take_stock', 'receive') }),
);
const fresh = cmdArb.map((c) => new FlowCommand(c));
const commandArbs = [
  fresh,
  fresh,
  fresh,
  fresh, // new flows four times as often as replays and reused references
  fc.nat(50).map((i) => new FlowCommand(null, i)),
  fc.tuple(fc.nat(50), changeArb).map(([i, change]) => new FlowCommand(null, i, change)),
];

/** The suite on one persistence adapter. */
export function warehouseStockModelSuite(name: string, makePersistence: () => Promise<Persistence>, numRuns: number): void {
  describe(`dispatch and warehouse layers on ${name}: random flows against a model (INV-4, INV-5, DSP-1 stock)`, () => {
    let zt: Zhongtai;
    let categoryId: string;
    let warehouses: [string, string];
    let run = 0;
    beforeAll(async () => {
      zt = createZhongtai({ persistence: await makePersistence() });
      categoryId = (await zt.catalog.createCategory({ name: 'Tea' })).id;
      const a = await zt.dispatch.createWarehouse(warehouseFields('W-A', { tiers: [{ tier: 1, regions: [R.zhejiang], estimatedDeliveryDays: 1 }] }));
      const b = await zt.dispatch.createWarehouse(warehouseFields('W-B'));
      warehouses = [a.id, b.id];
    });
    afterAll(() => zt?.close());

    it('after every step the rows of every layer match the model, none is negative, book = available + unsellable + used, the ledgers balance and the layers agree', async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commandArbs, { maxCommands: 40, size: 'large' }), async (cmds) => {
          const spu = await zt.catalog.createSpu({ code: `MODEL-${run++}`, title: 'Model tea', categoryId, salePrice: '10.00' });
          const model: Model = { dispatch: new Map(), locations: new Map(), salesTotal: null, applied: new Map(), history: [] };
          await fc.asyncModelRun(() => ({ model, real: { zt, skuId: spu.skus[0]!.id, warehouses } }), cmds);
        }),
        { numRuns },
      );
    }, 120_000); // bounded by numRuns; on PGlite beside other test files it can take longer than the default 30 s
  });
}
