import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertLayerReplayOf, locationCode } from '../../../domain/inventory/layer-stock.js';
import {
  applyLocationDelta,
  decideLocation,
  LOCATION_OPERATIONS,
  locationDelta,
  NO_LOCATION_STOCK,
  onHand,
  type LocationOperation,
  type LocationOperationKind,
  type LocationStock,
} from '../../../domain/inventory/location-stock.js';
import { domainErrorOf } from '../../support/mothers.js';

/** The warehouse layer (仓库层) restated: each operation moves n units between places of a location. */
type Place = 'outside' | 'available' | 'locked' | 'shipped' | 'unusable';

const ROUTES: Record<Exclude<LocationOperationKind, 'adjust'>, [Place, Place]> = {
  put_away: ['outside', 'available'],
  lock: ['available', 'locked'],
  unlock: ['locked', 'available'],
  ship: ['locked', 'shipped'],
  mark_unusable: ['available', 'unusable'],
  write_off: ['unusable', 'outside'],
  move_out: ['available', 'outside'],
  move_in: ['outside', 'available'],
  transfer_out: ['available', 'outside'],
  transfer_in: ['outside', 'available'],
};
const route = (op: LocationOperation): [Place, Place] =>
  op.kind === 'adjust' ? (op.quantity > 0 ? ['outside', 'available'] : ['available', 'outside']) : ROUTES[op.kind];

const REFUSAL: Record<LocationOperationKind, string | null> = {
  put_away: null,
  move_in: null,
  transfer_in: null,
  lock: 'INVENTORY.INSUFFICIENT_AVAILABLE',
  mark_unusable: 'INVENTORY.INSUFFICIENT_AVAILABLE',
  move_out: 'INVENTORY.INSUFFICIENT_AVAILABLE',
  transfer_out: 'INVENTORY.INSUFFICIENT_AVAILABLE',
  unlock: 'INVENTORY.UNLOCK_EXCEEDS_LOCK',
  ship: 'INVENTORY.SHIP_EXCEEDS_LOCKED',
  write_off: 'INVENTORY.WRITE_OFF_EXCEEDS_DAMAGED',
  adjust: 'INVENTORY.ADJUST_BELOW_ZERO',
};

const stockArb: fc.Arbitrary<LocationStock> = fc
  .record({ available: fc.nat(20), locked: fc.nat(20), shipped: fc.nat(20), unusable: fc.nat(20) })
  .map((c) => ({ skuId: 's', warehouseId: 'w', location: 'A-01-01', ...c }));
const opArb: fc.Arbitrary<LocationOperation> = fc.oneof(
  fc.record({ kind: fc.constantFrom(...LOCATION_OPERATIONS.filter((k) => k !== 'adjust')), quantity: fc.integer({ min: 1, max: 25 }) }),
  fc.record({ kind: fc.constant('adjust' as const), quantity: fc.integer({ min: -25, max: 25 }).filter((n) => n !== 0) }),
);
const nonNegative = (s: LocationStock) => s.available >= 0 && s.locked >= 0 && s.shipped >= 0 && s.unusable >= 0;

describe('warehouse layer rules (仓库层, per location)', () => {
  it('each operation moves |n| units from one place to another and nothing else', () => {
    fc.assert(
      fc.property(opArb, (op) => {
        const [from, to] = route(op);
        const n = Math.abs(op.quantity);
        const expected = { available: 0, locked: 0, shipped: 0, unusable: 0 };
        if (from !== 'outside') expected[from] -= n;
        if (to !== 'outside') expected[to] += n;
        expect(locationDelta(op)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('the guard: accepted iff the source place has the units, never negative after; a refusal names the figure', () => {
    fc.assert(
      fc.property(stockArb, opArb, (stock, op) => {
        const [from] = route(op);
        if (from === 'outside' || stock[from] >= Math.abs(op.quantity)) {
          expect(nonNegative(applyLocationDelta(stock, decideLocation(stock, op)))).toBe(true);
        } else {
          const e = domainErrorOf(() => decideLocation(stock, op));
          expect([e.code, e.kind]).toEqual([REFUSAL[op.kind], 'conflict']);
          expect(e.details).toMatchObject({ layer: 'warehouse', location: 'A-01-01', quantity: op.quantity, [from]: stock[from] });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('INV-4 and conservation: any sequence keeps counters ≥ 0, the deltas sum to the row, and on-hand + shipped changes only by what enters or leaves the location', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        let stock = NO_LOCATION_STOCK('s', 'w', 'A-01-01');
        const sum = { available: 0, locked: 0, shipped: 0, unusable: 0 };
        let entered = 0;
        for (const op of ops) {
          let d;
          try {
            d = decideLocation(stock, op);
          } catch {
            continue;
          }
          stock = applyLocationDelta(stock, d);
          for (const f of Object.keys(sum) as (keyof typeof sum)[]) sum[f] += d[f];
          const [from, to] = route(op);
          entered += (from === 'outside' ? Math.abs(op.quantity) : 0) - (to === 'outside' ? Math.abs(op.quantity) : 0);
          expect(nonNegative(stock)).toBe(true);
        }
        expect(sum).toEqual({ available: stock.available, locked: stock.locked, shipped: stock.shipped, unusable: stock.unusable });
        expect(onHand(stock) + stock.shipped).toBe(entered);
      }),
      { numRuns: 500 },
    );
  });

  it('location codes: letters, digits, . _ - inside, at most 40; anything else is INVENTORY.INVALID_LOCATION', () => {
    for (const ok of ['A-01-03', 'B2', 'Z.9_1', 'a'.repeat(40)]) expect(locationCode(ok)).toBe(ok);
    for (const bad of ['', ' A-01', 'A 01', '-A', 'A-', 'a'.repeat(41), '库位1']) {
      expect(domainErrorOf(() => locationCode(bad)).code).toBe('INVENTORY.INVALID_LOCATION');
    }
  });

  it('INV-5: a replay is the same quantity and the same counters; anything else under the key is INVENTORY.REFERENCE_REUSED', () => {
    const delta = locationDelta({ kind: 'put_away', quantity: 3 });
    const earlier = { id: 'm1', reference: 'r1', quantity: 3, delta };
    expect(assertLayerReplayOf(earlier, 3, delta, { skuId: 's' })).toBe(earlier);
    expect(domainErrorOf(() => assertLayerReplayOf(earlier, 4, locationDelta({ kind: 'put_away', quantity: 4 }), { skuId: 's' }))).toMatchObject({
      code: 'INVENTORY.REFERENCE_REUSED',
      details: { skuId: 's', reference: 'r1' },
    });
    expect(domainErrorOf(() => assertLayerReplayOf(earlier, 3, { ...delta, locked: 1 }, {})).code).toBe('INVENTORY.REFERENCE_REUSED');
  });
});
