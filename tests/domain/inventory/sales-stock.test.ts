// The rule of every sales-layer operation (spec §2, INV-1 … INV-5), tested on the pure functions of
// domain/inventory/sales-stock.ts directly (decision 0027). The inventory model test
// (tests/adapters/inventory-model.ts) drives the adapters against this rule with random sequences; these
// worked examples pin each operation's counters, hold, pool and guard at its boundary.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allows,
  applyDelta,
  checkQuantity,
  crossedLowStock,
  decide,
  deltaOf,
  drawsOn,
  holdDelta,
  holdReference,
  lowStockEvents,
  overflows,
  poolDelta,
  rejection,
  sellable,
  STOCK_FIELDS,
  STOCK_OPERATIONS,
  type SalesStock,
  type StockDelta,
  type StockOperation,
} from '../../../domain/inventory/sales-stock.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { INT32_MAX } from '../../../domain/shared/integers.js';
import { MAX_QUANTITY } from '../../../domain/shared/quantity.js';

/** total 100: 20 locked, 10 carved out, so 70 sellable; 30 sold, 5 presale units awaited. */
const STOCK: SalesStock = {
  skuId: 'sku-1',
  total: 100,
  locked: 20,
  sold: 30,
  activity: 10,
  presale: 5,
  oversellAllowance: 0,
  virtual: false,
  lowStockThreshold: null,
};
const stock = (over: Partial<SalesStock> = {}): SalesStock => ({ ...STOCK, ...over });
const delta = (d: Partial<StockDelta>): StockDelta => ({ total: 0, locked: 0, sold: 0, activity: 0, presale: 0, ...d });

const lock = (quantity: number): StockOperation => ({ kind: 'lock', quantity });
const unlock = (quantity: number): StockOperation => ({ kind: 'unlock', quantity, lockReference: 'order-1:line-1' });
const deduct = (quantity: number): StockOperation => ({ kind: 'deduct', quantity, lockReference: 'order-1:line-1' });
const carveOut = (quantity: number): StockOperation => ({ kind: 'carve_out', quantity, pool: 'flash-1' });
const release = (quantity: number): StockOperation => ({ kind: 'release_activity', quantity, pool: 'flash-1' });
const activityLock = (quantity: number): StockOperation => ({ kind: 'activity_lock', quantity, pool: 'flash-1' });
const op = (kind: 'increase' | 'return' | 'presale_open' | 'presale_arrive' | 'adjust', quantity: number): StockOperation => ({ kind, quantity });

function refusal(s: SalesStock, o: StockOperation, drawable = 0): DomainError {
  try {
    decide(s, o, drawable);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error(`${o.kind} ${o.quantity} was not refused`);
}

describe('INV-1: sellable = total − locked − activity carve-outs', () => {
  it('100 on hand, 20 locked, 10 carved out: 70 sellable (sold and presale do not count)', () => {
    expect(sellable(STOCK)).toBe(70);
    expect(sellable({ total: 5, locked: 3, activity: 4 })).toBe(-2);
  });
});

describe('INV-2: the counters each operation moves (the ledger stores them, INV-4)', () => {
  it('increase and adjust move the total; lock the locked; unlock frees; deduct turns locked into sold; return gives sold back', () => {
    expect(deltaOf(op('increase', 7))).toEqual(delta({ total: 7 }));
    expect(deltaOf(op('adjust', -4))).toEqual(delta({ total: -4 }));
    expect(deltaOf(lock(3))).toEqual(delta({ locked: 3 }));
    expect(deltaOf(unlock(3))).toEqual(delta({ locked: -3 }));
    expect(deltaOf(deduct(3))).toEqual(delta({ total: -3, locked: -3, sold: 3 }));
    expect(deltaOf(op('return', 2))).toEqual(delta({ total: 2, sold: -2 }));
  });

  it('carve_out fills a pool from sellable; release_activity empties it; activity_lock locks out of it', () => {
    expect(deltaOf(carveOut(6))).toEqual(delta({ activity: 6 }));
    expect(deltaOf(release(6))).toEqual(delta({ activity: -6 }));
    expect(deltaOf(activityLock(2))).toEqual(delta({ activity: -2, locked: 2 }));
  });

  it('presale_open sells ahead of arrival (total and presale up); presale_arrive records the arrival (presale down)', () => {
    expect(deltaOf(op('presale_open', 9))).toEqual(delta({ total: 9, presale: 9 }));
    expect(deltaOf(op('presale_arrive', 9))).toEqual(delta({ presale: -9 }));
  });

  it('applying a delta adds it to each counter and keeps the rest of the stock', () => {
    const after = applyDelta(stock({ lowStockThreshold: 3 }), delta({ total: 1, locked: 2, sold: 3, activity: 4, presale: 5 }));
    expect(after).toEqual({ ...STOCK, lowStockThreshold: 3, total: 101, locked: 22, sold: 33, activity: 14, presale: 10 });
    expect(STOCK_FIELDS).toEqual(['total', 'locked', 'sold', 'activity', 'presale']);
  });

  it('the operations are exactly these eleven', () => {
    expect(STOCK_OPERATIONS).toEqual([
      'increase',
      'lock',
      'unlock',
      'deduct',
      'return',
      'adjust',
      'carve_out',
      'release_activity',
      'activity_lock',
      'presale_open',
      'presale_arrive',
    ]);
  });
});

describe('INV-2: holds and pools — unlock and deduct shrink the hold a lock left', () => {
  it('a lock (plain or from a pool) grows its own hold; unlock and deduct shrink the hold they name; the rest leave holds alone', () => {
    expect(holdDelta(lock(3))).toBe(3);
    expect(holdDelta(activityLock(3))).toBe(3);
    expect(holdDelta(unlock(3))).toBe(-3);
    expect(holdDelta(deduct(3))).toBe(-3);
    for (const o of [op('increase', 3), op('return', 3), op('adjust', 3), carveOut(3), release(3), op('presale_open', 3), op('presale_arrive', 3)]) {
      expect(holdDelta(o), o.kind).toBe(0);
    }
  });

  it('lock 5, unlock 2, deduct 3: the hold goes 5, 3, 0 (never grows on the way out)', () => {
    let hold = 0;
    const seen: number[] = [];
    for (const o of [lock(5), unlock(2), deduct(3)]) {
      decide(STOCK, o, hold);
      hold += holdDelta(o);
      seen.push(hold);
    }
    expect(seen).toEqual([5, 3, 0]);
  });

  it('the hold changed is the lock reference for unlock and deduct, the operation’s own reference for a lock', () => {
    expect(holdReference(unlock(1), 'cancel-1')).toBe('order-1:line-1');
    expect(holdReference(deduct(1), 'pay-1')).toBe('order-1:line-1');
    expect(holdReference(lock(1), 'order-2:line-1')).toBe('order-2:line-1');
    expect(holdReference(activityLock(1), 'order-3:line-1')).toBe('order-3:line-1');
    expect(holdReference(op('increase', 1), 'receipt-1')).toBeNull();
    expect(holdReference(carveOut(1), 'flash-1')).toBeNull();
  });

  it('carve_out fills the pool; release_activity and activity_lock draw on it; nothing else touches pools', () => {
    expect(poolDelta(carveOut(4))).toBe(4);
    expect(poolDelta(release(4))).toBe(-4);
    expect(poolDelta(activityLock(4))).toBe(-4);
    for (const o of [lock(4), unlock(4), deduct(4), op('increase', 4), op('return', 4), op('adjust', 4), op('presale_open', 4), op('presale_arrive', 4)]) {
      expect(poolDelta(o), o.kind).toBe(0);
    }
  });

  it('what an operation draws on: unlock and deduct their hold, release and activity_lock their pool, others nothing', () => {
    expect(drawsOn(unlock(1))).toEqual({ hold: 'order-1:line-1' });
    expect(drawsOn(deduct(1))).toEqual({ hold: 'order-1:line-1' });
    expect(drawsOn(release(1))).toEqual({ pool: 'flash-1' });
    expect(drawsOn(activityLock(1))).toEqual({ pool: 'flash-1' });
    for (const o of [lock(1), carveOut(1), op('increase', 1), op('return', 1), op('adjust', 1), op('presale_open', 1), op('presale_arrive', 1)]) {
      expect(drawsOn(o), o.kind).toBeNull();
    }
  });
});

describe('INV-3: no oversell — a lock never drives sellable below −oversellAllowance', () => {
  it('70 sellable: locking 70 is allowed, 71 is INVENTORY.OUT_OF_STOCK with the sellable figure', () => {
    expect(decide(STOCK, lock(70))).toEqual(delta({ locked: 70 }));
    expect(allows(STOCK, lock(71))).toBe(false);
    const e = refusal(STOCK, lock(71));
    expect(e).toMatchObject({ code: 'INVENTORY.OUT_OF_STOCK', kind: 'conflict', details: { skuId: 'sku-1', quantity: 71, sellable: 70 } });
    expect(e.message).toBe('only 70 of SKU sku-1 can be sold');
  });

  it('an oversell allowance of 5 lets locks go 5 below zero and no further', () => {
    expect(allows(stock({ oversellAllowance: 5 }), lock(75))).toBe(true);
    expect(allows(stock({ oversellAllowance: 5 }), lock(76))).toBe(false);
  });

  it('oversold already (sellable −3): the message says 0 can be sold, the details the real −3', () => {
    const e = refusal(stock({ total: 27, locked: 20, activity: 10 }), lock(1));
    expect(e.message).toBe('only 0 of SKU sku-1 can be sold');
    expect(e.details.sellable).toBe(-3);
  });

  it('a virtual SKU never refuses a lock', () => {
    expect(allows(stock({ virtual: true, total: 0, locked: 0, activity: 0 }), lock(1000))).toBe(true);
  });

  it('property: a lock is allowed exactly when sellable − n ≥ −allowance (or the SKU is virtual)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 1200 }),
        fc.boolean(),
        (total, locked, activity, oversellAllowance, n, virtual) => {
          const s = stock({ total, locked, activity, oversellAllowance, virtual });
          expect(allows(s, lock(n))).toBe(virtual || total - locked - activity - n >= -oversellAllowance);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('INV-2 guards: nothing goes below what is held, sold, carved out or promised', () => {
  it('unlock: at most what is locked under its reference (INVENTORY.UNLOCK_EXCEEDS_LOCK with the hold)', () => {
    expect(decide(STOCK, unlock(4), 4)).toEqual(delta({ locked: -4 }));
    const e = refusal(STOCK, unlock(5), 4);
    expect(e).toMatchObject({ code: 'INVENTORY.UNLOCK_EXCEEDS_LOCK', kind: 'conflict', details: { skuId: 'sku-1', quantity: 5, locked: 4 } });
    expect(e.message).toBe('only 4 are locked under order-1:line-1');
  });

  it('deduct: at most what is locked under its reference (INVENTORY.NOT_LOCKED); nothing locked refuses any deduction', () => {
    expect(decide(STOCK, deduct(4), 4)).toEqual(delta({ total: -4, locked: -4, sold: 4 }));
    expect(refusal(STOCK, deduct(5), 4)).toMatchObject({
      code: 'INVENTORY.NOT_LOCKED',
      details: { locked: 4 },
      message: 'only 4 are locked under order-1:line-1',
    });
    expect(refusal(STOCK, deduct(1))).toMatchObject({ code: 'INVENTORY.NOT_LOCKED', details: { locked: 0 } });
  });

  it('return: at most what was sold (INVENTORY.RETURN_EXCEEDS_SOLD)', () => {
    expect(decide(STOCK, op('return', 30))).toEqual(delta({ total: 30, sold: -30 }));
    expect(refusal(STOCK, op('return', 31))).toMatchObject({ code: 'INVENTORY.RETURN_EXCEEDS_SOLD', details: { sold: 30 }, message: 'only 30 were sold' });
  });

  it('adjust (盘盈盘亏): the count may fall to what orders and activities hold, not below (INVENTORY.ADJUST_BELOW_HELD)', () => {
    expect(decide(STOCK, op('adjust', -70))).toEqual(delta({ total: -70 }));
    expect(allows(STOCK, op('adjust', -71))).toBe(false);
    expect(refusal(STOCK, op('adjust', -71))).toMatchObject({
      code: 'INVENTORY.ADJUST_BELOW_HELD',
      details: { skuId: 'sku-1', quantity: -71 },
      message: 'the count would fall below the locked and carved-out units',
    });
    expect(allows(STOCK, op('adjust', 5))).toBe(true);
  });

  it('carve_out: at most what is sellable (INVENTORY.CARVE_OUT_EXCEEDS_SELLABLE)', () => {
    expect(decide(STOCK, carveOut(70))).toEqual(delta({ activity: 70 }));
    expect(refusal(STOCK, carveOut(71))).toMatchObject({ code: 'INVENTORY.CARVE_OUT_EXCEEDS_SELLABLE', message: 'only 70 are sellable' });
  });

  it('release_activity: at most what is left in the pool (INVENTORY.RELEASE_EXCEEDS_ACTIVITY naming the pool)', () => {
    expect(decide(STOCK, release(6), 6)).toEqual(delta({ activity: -6 }));
    expect(refusal(STOCK, release(7), 6)).toMatchObject({
      code: 'INVENTORY.RELEASE_EXCEEDS_ACTIVITY',
      details: { pool: 'flash-1', left: 6 },
      message: 'only 6 are left in pool flash-1',
    });
  });

  it('activity_lock: at most what is left in the pool, whatever is sellable outside it (INVENTORY.OUT_OF_STOCK)', () => {
    expect(decide(stock({ total: 10, locked: 0, activity: 10 }), activityLock(3), 3)).toEqual(delta({ activity: -3, locked: 3 }));
    expect(refusal(STOCK, activityLock(4), 3)).toMatchObject({
      code: 'INVENTORY.OUT_OF_STOCK',
      details: { pool: 'flash-1', sellable: 3 },
      message: 'only 3 are left in pool flash-1',
    });
  });

  it('presale_arrive: at most the presale units awaited (INVENTORY.PRESALE_EXCEEDED)', () => {
    expect(decide(STOCK, op('presale_arrive', 5))).toEqual(delta({ presale: -5 }));
    expect(refusal(STOCK, op('presale_arrive', 6))).toMatchObject({
      code: 'INVENTORY.PRESALE_EXCEEDED',
      details: { presale: 5 },
      message: 'only 5 presale units are awaited',
    });
  });

  it('increase and presale_open are never refused (below the int bound); asking why is a programming error', () => {
    expect(decide(STOCK, op('increase', MAX_QUANTITY))).toEqual(delta({ total: MAX_QUANTITY }));
    expect(decide(STOCK, op('presale_open', 1))).toEqual(delta({ total: 1, presale: 1 }));
    expect(() => rejection(STOCK, op('increase', 1))).toThrow('increase is never refused');
    expect(() => rejection(STOCK, op('presale_open', 1))).toThrow('presale_open is never refused');
  });
});

describe('counters stay within an int (decision 0020)', () => {
  it('a counter may reach 2147483647 and not pass it: INVENTORY.COUNTER_OVERFLOW with the bound, before any other rule', () => {
    const full = stock({ total: INT32_MAX - 1 });
    expect(overflows(full, op('increase', 1))).toBe(false);
    expect(decide(full, op('increase', 1))).toEqual(delta({ total: 1 }));
    expect(overflows(full, op('increase', 2))).toBe(true);
    expect(refusal(full, op('increase', 2))).toMatchObject({
      code: 'INVENTORY.COUNTER_OVERFLOW',
      kind: 'conflict',
      details: { skuId: 'sku-1', quantity: 2, max: INT32_MAX },
      message: 'the stock of SKU sku-1 would pass 2147483647 units',
    });
    // an overflowing lock is refused for the overflow, not for stock
    expect(refusal(stock({ locked: INT32_MAX, virtual: true }), lock(1)).code).toBe('INVENTORY.COUNTER_OVERFLOW');
    expect(overflows(stock({ sold: INT32_MAX }), deduct(1))).toBe(true);
    expect(overflows(stock({ activity: INT32_MAX }), carveOut(1))).toBe(true);
    expect(overflows(stock({ presale: INT32_MAX }), op('presale_open', 1))).toBe(true);
  });
});

describe('quantities (INV-2): whole, positive, at most 10^9; a stock-take adjustment non-zero either sign; pools named', () => {
  it('1 and 10^9 are quantities; 0, −1, 1.5 and 10^9 + 1 are QUANTITY.INVALID saying what the operation takes', () => {
    expect(() => checkQuantity(lock(1))).not.toThrow();
    expect(() => checkQuantity(lock(MAX_QUANTITY))).not.toThrow();
    for (const n of [0, -1, 1.5, MAX_QUANTITY + 1]) {
      expect(() => decide(STOCK, lock(n)), String(n)).toThrow(expect.objectContaining({ code: 'QUANTITY.INVALID' }));
    }
    expect(() => checkQuantity(lock(0))).toThrow(`lock takes a whole positive quantity of at most ${MAX_QUANTITY}: 0`);
  });

  it('adjust takes any non-zero whole number down to −10^9; zero is QUANTITY.INVALID', () => {
    expect(() => checkQuantity(op('adjust', -MAX_QUANTITY))).not.toThrow();
    expect(() => checkQuantity(op('adjust', -1))).not.toThrow();
    expect(() => checkQuantity(op('adjust', -MAX_QUANTITY - 1))).toThrow(expect.objectContaining({ code: 'QUANTITY.INVALID' }));
    expect(() => checkQuantity(op('adjust', 0))).toThrow(`adjust takes a whole non-zero quantity of at most ${MAX_QUANTITY}: 0`);
  });

  it('a pool is named, 1 to 120 characters: else INVENTORY.INVALID_POOL', () => {
    expect(() => checkQuantity({ kind: 'carve_out', quantity: 1, pool: 'x'.repeat(120) })).not.toThrow();
    for (const pool of ['', 'x'.repeat(121), 42 as unknown as string]) {
      const e = (() => {
        try {
          checkQuantity({ kind: 'carve_out', quantity: 1, pool });
        } catch (err) {
          return err as DomainError;
        }
        return null;
      })();
      expect(e, String(pool).slice(0, 10)).toMatchObject({
        code: 'INVENTORY.INVALID_POOL',
        message: 'carve_out names its pool (an activity id or channel:<name>)',
      });
    }
  });
});

describe('警戒值: a change that brings sellable to the threshold or below raises inventory.stock.low once', () => {
  const at = new Date('2026-12-01T00:00:00Z');
  const withThreshold = (t: number | null, sellableNow: number) => stock({ total: sellableNow + 30, locked: 20, activity: 10, lowStockThreshold: t });

  it('threshold 10: 11 → 10 crosses it (event with sellable and threshold); 10 → 9 and 12 → 11 do not', () => {
    expect(crossedLowStock(withThreshold(10, 11), withThreshold(10, 10))).toBe(true);
    expect(lowStockEvents(withThreshold(10, 11), withThreshold(10, 10), at)).toEqual([
      { type: 'inventory.stock.low', aggregateId: 'sku-1', occurredAt: at, payload: { sellable: 10, threshold: 10 } },
    ]);
    expect(crossedLowStock(withThreshold(10, 10), withThreshold(10, 9))).toBe(false);
    expect(crossedLowStock(withThreshold(10, 12), withThreshold(10, 11))).toBe(false);
    expect(lowStockEvents(withThreshold(10, 12), withThreshold(10, 11), at)).toEqual([]);
  });

  it('no threshold, no event; rising stock never raises one', () => {
    expect(crossedLowStock(withThreshold(null, 11), withThreshold(null, 0))).toBe(false);
    expect(lowStockEvents(withThreshold(null, 11), withThreshold(null, 0), at)).toEqual([]);
    expect(crossedLowStock(withThreshold(10, 5), withThreshold(10, 20))).toBe(false);
  });

  it('threshold 0: selling the last unit crosses it', () => {
    expect(crossedLowStock(withThreshold(0, 1), withThreshold(0, 0))).toBe(true);
  });
});
