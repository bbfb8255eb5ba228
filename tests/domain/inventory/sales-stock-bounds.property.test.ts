// Issue #12 ("a change that would overflow a balance is rejected before writing"), decision 0020: a
// sales-layer operation that would carry any counter past what an `int` column holds is refused,
// INVENTORY.COUNTER_OVERFLOW; any operation that keeps every counter within it is judged by its own rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allows, decide, deltaOf, rejection, STOCK_FIELDS, type SalesStock, type StockOperation } from '../../../domain/inventory/sales-stock.js';
import { INT32_MAX } from '../../../domain/shared/integers.js';
import { MAX_QUANTITY } from '../../../domain/shared/quantity.js';

const counter = fc.oneof(fc.integer({ min: 0, max: INT32_MAX }), fc.integer({ min: INT32_MAX - MAX_QUANTITY, max: INT32_MAX }));
const stock = fc
  .record({ total: counter, locked: counter, sold: counter, activity: counter, presale: counter })
  .map((c): SalesStock => ({ skuId: 's1', ...c, oversellAllowance: 0, virtual: true, lowStockThreshold: null }));
const n = fc.integer({ min: 1, max: MAX_QUANTITY });
const raising: fc.Arbitrary<StockOperation> = fc.oneof(
  n.map((quantity) => ({ kind: 'increase' as const, quantity })),
  n.map((quantity) => ({ kind: 'presale_open' as const, quantity })),
  n.map((quantity) => ({ kind: 'return' as const, quantity })),
  n.map((quantity) => ({ kind: 'lock' as const, quantity })),
  n.map((quantity) => ({ kind: 'carve_out' as const, quantity, pool: 'flash' })),
  n.map((quantity) => ({ kind: 'adjust' as const, quantity })),
);

const overflows = (s: SalesStock, op: StockOperation) => STOCK_FIELDS.some((f) => s[f] + deltaOf(op)[f] > INT32_MAX);

describe('sales-layer counters stay within an int', () => {
  it('an operation that would carry a counter past 2147483647 is refused with INVENTORY.COUNTER_OVERFLOW; one that keeps them within is not refused for that', () => {
    fc.assert(
      fc.property(stock, raising, (s, op) => {
        if (overflows(s, op)) {
          expect(allows(s, op, INT32_MAX)).toBe(false);
          expect(rejection(s, op, INT32_MAX)).toMatchObject({ code: 'INVENTORY.COUNTER_OVERFLOW', kind: 'conflict' });
          expect(() => decide(s, op, INT32_MAX)).toThrow(expect.objectContaining({ code: 'INVENTORY.COUNTER_OVERFLOW' }));
        } else {
          const verdict = (() => {
            try {
              return decide(s, op, INT32_MAX);
            } catch (e) {
              return (e as { code?: string }).code;
            }
          })();
          expect(verdict).not.toBe('INVENTORY.COUNTER_OVERFLOW');
        }
      }),
      { numRuns: 500 },
    );
  });
});
