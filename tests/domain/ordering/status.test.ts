// ORD-2 (order status) and ORD-5 (a split parent's status), restated from the spec and checked against
// domain/ordering/status.ts pair by pair (decision 0027): every move the spec allows is allowed, every
// other is ORDER.INVALID_TRANSITION.
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  FINAL_ORDER_STATUSES,
  goodsNotRedeemable,
  ORDER_KINDS,
  ORDER_STATUS_RANK,
  ORDER_STATUSES,
  parentStatus,
  transitionRejection,
  type OrderKind,
  type OrderStatus,
} from '../../../domain/ordering/status.js';

/** The spec's flows, written again: "from → to" for every allowed move. */
const ALLOWED: Record<OrderKind, readonly string[]> = {
  // ORD-2: 待付款 → 待发货 → 待收货 → 交易成功; cancelled before payment; closed after a full refund (paid, not completed).
  goods: [
    'pending_payment → pending_shipment',
    'pending_payment → cancelled',
    'pending_shipment → shipped',
    'pending_shipment → closed',
    'shipped → completed',
    'shipped → closed',
  ],
  // Service orders (spec §8): paying issues a verification code (待核销); the shop redeems it and the order completes.
  service: ['pending_payment → pending_redemption', 'pending_payment → cancelled', 'pending_redemption → completed', 'pending_redemption → closed'],
};

describe('ORD-2: the order status tables', () => {
  it('the statuses and kinds', () => {
    expect(ORDER_STATUSES).toEqual(['pending_payment', 'pending_shipment', 'shipped', 'pending_redemption', 'completed', 'cancelled', 'closed']);
    expect(ORDER_KINDS).toEqual(['goods', 'service']);
    expect(FINAL_ORDER_STATUSES).toEqual(['completed', 'cancelled', 'closed']);
  });

  for (const kind of ORDER_KINDS) {
    it(`ORD-2 (${kind}): a move is allowed exactly when the spec's flow has it; anything else is ORDER.INVALID_TRANSITION with from and to`, () => {
      for (const from of ORDER_STATUSES) {
        for (const to of ORDER_STATUSES) {
          const allowed = ALLOWED[kind].includes(`${from} → ${to}`);
          expect(canTransition(kind, from, to), `${kind}: ${from} → ${to}`).toBe(allowed);
          const rejection = transitionRejection({ id: 'o-1', kind, status: from }, to);
          if (allowed) expect(rejection).toBeNull();
          else {
            expect(rejection, `${kind}: ${from} → ${to}`).toMatchObject({
              code: 'ORDER.INVALID_TRANSITION',
              kind: 'conflict',
              details: { orderId: 'o-1', kind, from, to },
              message: `a ${from} ${kind} order cannot become ${to}`,
            });
          }
        }
      }
    });
  }

  it('nothing leaves a final status, and no move goes back in rank', () => {
    for (const kind of ORDER_KINDS) {
      for (const from of ORDER_STATUSES) {
        for (const to of ORDER_STATUSES) {
          if (!canTransition(kind, from, to)) continue;
          expect(FINAL_ORDER_STATUSES.includes(from), `${from} is final`).toBe(false);
          expect(ORDER_STATUS_RANK[to], `${from} → ${to}`).toBeGreaterThan(ORDER_STATUS_RANK[from]);
        }
      }
    }
    expect(ORDER_STATUS_RANK).toEqual({ pending_payment: 0, pending_shipment: 1, pending_redemption: 1, shipped: 2, completed: 3, cancelled: 3, closed: 3 });
  });

  it('a goods order is never redeemed: ORDER.INVALID_TRANSITION to completed, saying it has no code', () => {
    expect(goodsNotRedeemable({ id: 'o-2', status: 'shipped' })).toMatchObject({
      code: 'ORDER.INVALID_TRANSITION',
      kind: 'conflict',
      details: { orderId: 'o-2', kind: 'goods', from: 'shipped', to: 'completed' },
      message: 'a shipped goods order is never redeemed: it has no verification code',
    });
  });
});

describe('ORD-5: the status of a split parent follows its children', () => {
  const cases: [OrderStatus[], OrderStatus][] = [
    // the least advanced child still in the sale
    [['pending_payment', 'pending_shipment'], 'pending_payment'],
    [['pending_shipment', 'pending_payment'], 'pending_payment'],
    [['shipped', 'pending_shipment'], 'pending_shipment'],
    [['completed', 'shipped'], 'shipped'],
    [['completed', 'pending_redemption'], 'pending_redemption'],
    [['pending_redemption', 'pending_shipment'], 'pending_shipment'],
    [['shipped', 'pending_redemption'], 'pending_redemption'],
    [['completed', 'completed'], 'completed'],
    // cancelled and closed children have left the sale
    [['cancelled', 'shipped'], 'shipped'],
    [['closed', 'completed', 'cancelled'], 'completed'],
    [['pending_payment', 'closed'], 'pending_payment'],
    // every child has left: closed if money was taken and refunded, else cancelled
    [['cancelled', 'closed'], 'closed'],
    [['closed', 'cancelled'], 'closed'],
    [['cancelled', 'cancelled'], 'cancelled'],
    [['closed'], 'closed'],
  ];
  it.each(cases)('ORD-5: children %j → parent %s', (children, parent) => {
    expect(parentStatus(children)).toBe(parent);
  });

  it('a split parent has children', () => {
    expect(() => parentStatus([])).toThrow(new RangeError('a split parent has children'));
  });
});
