import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDispatchDelta,
  decideDispatch,
  DISPATCH_OPERATIONS,
  dispatchDelta,
  NO_DISPATCH_STOCK,
  type DispatchOperation,
  type DispatchOperationKind,
  type DispatchStock,
} from '../../../domain/inventory/dispatch-stock.js';
import { domainErrorOf } from '../../support/mothers.js';

/**
 * The rules of the dispatch layer (调度层) restated independently: every operation moves n units from
 * one place to another, where a place is a counter or the world outside the warehouse's books. `book`
 * is not a place: it is available + unsellable + used.
 */
type Place = 'outside' | 'inTransit' | 'available' | 'unsellable' | 'used';

function route(op: DispatchOperation): { from: Place; to: Place } {
  const table: Record<Exclude<DispatchOperationKind, 'receive' | 'adjust'>, [Place, Place]> = {
    in_transit: ['outside', 'inTransit'],
    assign: ['available', 'used'],
    release: ['used', 'available'],
    ship: ['used', 'outside'],
    damage: ['available', 'unsellable'],
    write_off: ['unsellable', 'outside'],
    transfer_out: ['available', 'outside'],
    transfer_in: ['outside', 'inTransit'],
    transfer_receive: ['inTransit', 'available'],
  };
  if (op.kind === 'receive') return { from: op.fromInTransit ? 'inTransit' : 'outside', to: 'available' };
  if (op.kind === 'adjust') return op.quantity > 0 ? { from: 'outside', to: 'available' } : { from: 'available', to: 'outside' };
  const [from, to] = table[op.kind];
  return { from, to };
}

/** The code of a refusal, by the place that lacks units. */
const REFUSAL: Record<DispatchOperationKind, string | null> = {
  in_transit: null,
  receive: 'INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT',
  assign: 'INVENTORY.INSUFFICIENT_AVAILABLE',
  release: 'INVENTORY.RELEASE_EXCEEDS_USED',
  ship: 'INVENTORY.SHIP_EXCEEDS_USED',
  damage: 'INVENTORY.INSUFFICIENT_AVAILABLE',
  write_off: 'INVENTORY.WRITE_OFF_EXCEEDS_DAMAGED',
  adjust: 'INVENTORY.ADJUST_BELOW_ZERO',
  transfer_out: 'INVENTORY.INSUFFICIENT_AVAILABLE',
  transfer_in: null,
  transfer_receive: 'INVENTORY.RECEIPT_EXCEEDS_IN_TRANSIT',
};

const stockArb: fc.Arbitrary<DispatchStock> = fc
  .record({ available: fc.nat(20), inTransit: fc.nat(20), unsellable: fc.nat(20), used: fc.nat(20) })
  .map((c) => ({ skuId: 's', warehouseId: 'w', ...c, book: c.available + c.unsellable + c.used }));

const opArb: fc.Arbitrary<DispatchOperation> = fc.oneof(
  fc.record({ kind: fc.constantFrom(...DISPATCH_OPERATIONS.filter((k) => k !== 'receive' && k !== 'adjust')), quantity: fc.integer({ min: 1, max: 25 }) }),
  fc.record({ kind: fc.constant('adjust' as const), quantity: fc.integer({ min: -25, max: 25 }).filter((n) => n !== 0) }),
  fc.record({ kind: fc.constant('receive' as const), quantity: fc.integer({ min: 1, max: 25 }), fromInTransit: fc.boolean() }),
) as fc.Arbitrary<DispatchOperation>;

const units = (s: DispatchStock, p: Place) => (p === 'outside' ? Infinity : s[p]);
const holds = (s: DispatchStock) =>
  s.book >= 0 && s.available >= 0 && s.inTransit >= 0 && s.unsellable >= 0 && s.used >= 0 && s.book === s.available + s.unsellable + s.used;

describe('dispatch layer rules (调度层)', () => {
  it('each operation moves |n| units from one place to another, and book follows available + unsellable + used', () => {
    fc.assert(
      fc.property(opArb, (op) => {
        const { from, to } = route(op);
        const n = Math.abs(op.quantity);
        const expected = { book: 0, available: 0, inTransit: 0, unsellable: 0, used: 0 };
        if (from !== 'outside') expected[from] -= n;
        if (to !== 'outside') expected[to] += n;
        expected.book = expected.available + expected.unsellable + expected.used;
        expect(dispatchDelta(op)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('the guard: an operation is accepted iff its source place has the units; after it no counter is negative and book = available + unsellable + used', () => {
    fc.assert(
      fc.property(stockArb, opArb, (stock, op) => {
        const { from } = route(op);
        const enough = units(stock, from) >= Math.abs(op.quantity);
        if (enough) {
          const after = applyDispatchDelta(stock, decideDispatch(stock, op));
          expect(holds(after)).toBe(true);
        } else {
          const e = domainErrorOf(() => decideDispatch(stock, op));
          expect([e.code, e.kind]).toEqual([REFUSAL[op.kind], 'conflict']);
          expect(e.details).toMatchObject({
            layer: 'dispatch',
            skuId: 's',
            warehouseId: 'w',
            quantity: op.quantity,
            [from]: stock[from as keyof DispatchStock],
          });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('INV-4 and conservation: from a row of zeros, any sequence keeps every counter ≥ 0 and the book identity, the deltas sum to the row, and units on the books plus in transit change only by what enters or leaves', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        let stock = NO_DISPATCH_STOCK('s', 'w');
        const sum = { book: 0, available: 0, inTransit: 0, unsellable: 0, used: 0 };
        let entered = 0;
        for (const op of ops) {
          let d;
          try {
            d = decideDispatch(stock, op);
          } catch {
            continue;
          }
          stock = applyDispatchDelta(stock, d);
          for (const f of Object.keys(sum) as (keyof typeof sum)[]) sum[f] += d[f];
          const { from, to } = route(op);
          entered += (from === 'outside' ? Math.abs(op.quantity) : 0) - (to === 'outside' ? Math.abs(op.quantity) : 0);
          expect(holds(stock)).toBe(true);
        }
        expect(sum).toEqual({ book: stock.book, available: stock.available, inTransit: stock.inTransit, unsellable: stock.unsellable, used: stock.used });
        expect(stock.book + stock.inTransit).toBe(entered);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    [{ kind: 'assign', quantity: 0 }],
    [{ kind: 'ship', quantity: -1 }],
    [{ kind: 'damage', quantity: 1.5 }],
    [{ kind: 'adjust', quantity: 0 }],
    [{ kind: 'in_transit', quantity: 1_000_000_001 }],
    [{ kind: 'adjust', quantity: -1_000_000_001 }],
  ] as const)('QUANTITY.INVALID: %j', (op) => {
    const stock = { ...NO_DISPATCH_STOCK('s', 'w'), available: 5, book: 5 };
    expect(domainErrorOf(() => decideDispatch(stock, op as DispatchOperation)).code).toBe('QUANTITY.INVALID');
  });
});
