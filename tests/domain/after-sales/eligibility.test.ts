import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertTypeAllowed, checkWindow, REQUEST_TYPES, TYPES_BY_ORDER_STATUS, type RequestType } from '../../../domain/after-sales/index.js';
import { ORDER_STATUSES, type OrderStatus } from '../../../domain/ordering/index.js';
import { isDomainError } from '../../../domain/shared/domain-error.js';

const DAY = 86_400_000;
const completedAt = new Date('2026-12-01T10:00:00.000Z');
const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
};

describe('AFS-1: which requests an order takes depends on its status; after completion only within the window (spec §11)', () => {
  it.each([
    ['pending_payment', ['cancel']],
    ['pending_shipment', ['refund_only']],
    ['pending_redemption', ['refund_only']],
    ['shipped', ['refund', 'return_and_refund', 'exchange']],
    ['completed', ['refund', 'return_and_refund', 'exchange']],
    ['cancelled', []],
    ['closed', []],
  ] as [OrderStatus, RequestType[]][])('an order %s takes %j, and refuses every other type with AFTER_SALES.TYPE_NOT_ALLOWED', (status, allowed) => {
    for (const type of REQUEST_TYPES) {
      expect(codeOf(() => assertTypeAllowed({ status, completedAt: status === 'completed' ? completedAt : null }, type, completedAt))).toBe(
        allowed.includes(type) ? null : 'AFTER_SALES.TYPE_NOT_ALLOWED',
      );
    }
    expect(Object.keys(TYPES_BY_ORDER_STATUS).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it.each([7, 15] as const)(
    'a %i-day window: a return exactly that many days after completion is taken, a second later it is AFTER_SALES.WINDOW_CLOSED',
    (days) => {
      const order = { status: 'completed' as const, completedAt };
      expect(codeOf(() => assertTypeAllowed(order, 'return_and_refund', new Date(completedAt.getTime() + days * DAY), days))).toBeNull();
      expect(codeOf(() => assertTypeAllowed(order, 'return_and_refund', new Date(completedAt.getTime() + days * DAY + 1000), days))).toBe(
        'AFTER_SALES.WINDOW_CLOSED',
      );
    },
  );

  it('property: a completed order takes a request at t after completion if and only if t ≤ the window; other statuses ignore the time', () => {
    fc.assert(
      fc.property(fc.constantFrom(7, 15 as const), fc.integer({ min: 0, max: 40 * DAY }), fc.constantFrom(...ORDER_STATUSES), (days, after, status) => {
        const at = new Date(completedAt.getTime() + after);
        const allowed: readonly RequestType[] = TYPES_BY_ORDER_STATUS[status];
        for (const type of allowed) {
          const code = codeOf(() => assertTypeAllowed({ status, completedAt: status === 'completed' ? completedAt : null }, type, at, days as 7 | 15));
          expect(code).toBe(status === 'completed' && after > days * DAY ? 'AFTER_SALES.WINDOW_CLOSED' : null);
        }
      }),
    );
  });

  it('a shop’s window is 7 or 15 days', () => {
    expect(checkWindow(7)).toBe(7);
    expect(checkWindow(15)).toBe(15);
    expect(codeOf(() => checkWindow(10))).toBe('AFTER_SALES.INVALID_WINDOW');
  });
});
