import { describe, expect, it } from 'vitest';
import { paymentNotFound } from '../../../domain/payment/errors.js';
import { PAYMENT_STATUSES, PAYMENT_TRANSITIONS, Payment, type PaymentStatus } from '../../../domain/payment/payment.js';
import { Money } from '../../../domain/shared/money.js';
import { domainErrorOf } from '../../support/mothers.js';
import { aGoodsOrder, fixedCodes } from '../ordering/order-mothers.js';
import { at, callback, m, openPayment, threeChildren } from './payment-mothers.js';

const text = (x: { toString(): string }) => x.toString();
const AMOUNT = m('345.00');
const awaiting = (minutes = 4) => ({ receivedAt: at(minutes), ordersAwaitingPayment: true });

function paid(): Payment {
  const p = openPayment();
  p.handleCallback(callback(AMOUNT), awaiting());
  p.pullEvents();
  return p;
}

describe('§10: the payment status table', () => {
  it('names every status; every edge is taken by a verb below, nothing leaves refunded or cancelled', () => {
    expect(Object.keys(PAYMENT_TRANSITIONS).sort()).toEqual([...PAYMENT_STATUSES].sort());
    expect(PAYMENT_TRANSITIONS.refunded).toEqual([]);
    expect(PAYMENT_TRANSITIONS.cancelled).toEqual([]);
    const taken: [PaymentStatus, PaymentStatus][] = [];
    const track = (p: Payment, act: () => unknown) => {
      const from = p.status;
      act();
      taken.push([from, p.status]);
    };
    const a = openPayment();
    track(a, () => a.handleCallback(callback(AMOUNT), awaiting()));
    track(a, () => a.refund({ refundId: 'r1', amount: m('10.00'), reason: 'x', at: at(5) }));
    track(a, () => a.refund({ refundId: 'r2', amount: m('10.00'), reason: 'x', at: at(6) }));
    track(a, () => a.refund({ refundId: 'r3', amount: m('325.00'), reason: 'x', at: at(7) }));
    const b = paid();
    track(b, () => b.refund({ refundId: 'r1', amount: AMOUNT, reason: 'x', at: at(5) }));
    const c = openPayment();
    track(c, () => c.close('order_cancelled', at(2)));
    const table = Object.entries(PAYMENT_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}→${to}`));
    expect(new Set(taken.map(([f, t]) => `${f}→${t}`))).toEqual(new Set(table));
  });
});

describe('opening a payment for one order or several child orders', () => {
  it('a combined payment is for exactly the sum of its orders’ payables; payment.opened lists them', () => {
    const orders = threeChildren();
    const p = Payment.open({ id: 'pay-1', number: 'PN1', orders, createdAt: at(1), expiresAt: at(16) });
    expect(text(p.amount)).toBe('345.00'); // 124.28 + 93.87 + 126.85
    expect(p.orders.map((o) => [o.orderId, text(o.amount)])).toEqual([
      ['c1', '124.28'],
      ['c2', '93.87'],
      ['c3', '126.85'],
    ]);
    expect(p.status).toBe('unpaid');
    expect(p.pullEvents()).toEqual([
      expect.objectContaining({ type: 'payment.opened', payload: expect.objectContaining({ amount: '345.00', orderIds: ['c1', 'c2', 'c3'] }) }),
    ]);
  });

  it('bad input: paying a cancelled order is ORDER.INVALID_TRANSITION; a split parent is ORDER.SPLIT_PARENT', () => {
    const cancelled = aGoodsOrder();
    cancelled.cancel({ by: 'member', memberId: 'member-1', at: at(1) });
    expect(domainErrorOf(() => openPayment([cancelled]))).toMatchObject({
      code: 'ORDER.INVALID_TRANSITION',
      details: { from: 'cancelled', to: 'pending_shipment' },
    });
    const paidOrder = aGoodsOrder();
    paidOrder.pay({ paymentId: 'p0', at: at(1), codes: fixedCodes() });
    expect(domainErrorOf(() => openPayment([paidOrder])).code).toBe('ORDER.INVALID_TRANSITION');
    const parent = {
      id: 'x',
      number: 'x',
      kind: 'goods' as const,
      status: 'pending_payment' as const,
      memberId: 'member-1',
      payable: m('1.00'),
      isSplitParent: true,
    };
    expect(domainErrorOf(() => openPayment([parent])).code).toBe('ORDER.SPLIT_PARENT');
  });

  it('PAYMENT.INVALID_PAYMENT: no orders, an order twice, orders of two members, nothing to pay, an expiry not after opening', () => {
    const [c1, c2] = threeChildren();
    const reason = (f: () => unknown) => {
      const e = domainErrorOf(f);
      expect(e.code).toBe('PAYMENT.INVALID_PAYMENT');
      return e.details.reason;
    };
    expect(reason(() => openPayment([]))).toBe('NO_ORDERS');
    expect(reason(() => openPayment([c1!, c1!]))).toBe('DUPLICATE_ORDER');
    const other = {
      id: 'o-2',
      number: 'n',
      kind: 'goods' as const,
      status: 'pending_payment' as const,
      memberId: 'member-2',
      payable: m('1.00'),
      isSplitParent: false,
    };
    expect(reason(() => openPayment([c1!, other]))).toBe('MIXED_MEMBERS');
    expect(reason(() => openPayment([{ ...other, memberId: 'member-1', payable: m('0.00') }]))).toBe('NOTHING_TO_PAY');
    expect(reason(() => openPayment([c2!], { expiresAt: at(1) }))).toBe('INVALID_EXPIRY');
  });

  it('PAYMENT.NOT_FOUND names the reference (unknown payment number in a callback)', () => {
    expect(paymentNotFound('PN-404')).toMatchObject({ code: 'PAYMENT.NOT_FOUND', kind: 'not_found', details: { reference: 'PN-404' } });
  });
});

describe('PAY-1: callbacks', () => {
  it('the first success pays the payment and names the orders to pay; payment.paid', () => {
    const p = openPayment();
    expect(p.handleCallback(callback(AMOUNT), awaiting())).toEqual({ kind: 'paid', replayed: false, orderIds: ['c1', 'c2', 'c3'] });
    expect(p.status).toBe('paid');
    expect(p.toSnapshot().paid).toEqual({ channel: 'fakepay', channelTransactionId: 'tx-1', paidAt: at(3), receivedAt: at(4) });
    expect(p.pullEvents().map((e) => e.type)).toEqual(['payment.paid']);
  });

  it('PAY-1: a duplicate callback changes nothing and answers as the first', () => {
    const p = paid();
    const before = p.toSnapshot();
    expect(p.handleCallback(callback(AMOUNT), awaiting(30))).toEqual({ kind: 'paid', replayed: true, orderIds: ['c1', 'c2', 'c3'] });
    expect(p.toSnapshot()).toBe(before);
    expect(p.pullEvents()).toEqual([]);
  });

  it('PAYMENT.AMOUNT_MISMATCH: a callback for another amount or currency changes nothing', () => {
    const p = openPayment();
    const before = p.toSnapshot();
    expect(domainErrorOf(() => p.handleCallback(callback(m('344.99')), awaiting()))).toMatchObject({
      code: 'PAYMENT.AMOUNT_MISMATCH',
      details: { expected: '345.00', received: '344.99 CNY' },
    });
    expect(domainErrorOf(() => p.handleCallback(callback(Money.of('345.00', 'USD')), awaiting())).code).toBe('PAYMENT.AMOUNT_MISMATCH');
    expect(p.toSnapshot()).toBe(before);
    expect(p.pullEvents()).toEqual([]);
  });

  it('PAY-2: a success after the payment closed by timeout is flagged late and yields a refund instruction', () => {
    const p = openPayment();
    expect(p.closeIfExpired(at(15))).toBe(false);
    expect(p.closeIfExpired(at(16))).toBe(true);
    expect(p.toSnapshot().cancellation).toEqual({ reason: 'timeout', at: at(16) });
    p.pullEvents();
    const outcome = p.handleCallback(callback(AMOUNT), awaiting(20));
    expect(outcome).toEqual({
      kind: 'late',
      replayed: false,
      refund: {
        paymentId: 'pay-1',
        paymentNumber: 'PN0001',
        refundId: 'PN0001-L1',
        channel: 'fakepay',
        channelTransactionId: 'tx-1',
        amount: AMOUNT,
        reason: 'payment_closed',
      },
    });
    expect(p.status).toBe('cancelled');
    expect(p.lateCallbacks).toHaveLength(1);
    expect(p.pullEvents().map((e) => e.type)).toEqual(['payment.late-callback']);
    // The duplicate of a late callback answers the same instruction again and flags nothing new.
    expect(p.handleCallback(callback(AMOUNT), awaiting(21))).toEqual({ ...outcome, replayed: true });
    expect(p.lateCallbacks).toHaveLength(1);
  });

  it('PAY-1: a success for a cancelled order is flagged late with a refund: closed before, or cancelled meanwhile (the payment closes then)', () => {
    const closed = openPayment();
    closed.close('order_cancelled', at(2));
    expect(closed.handleCallback(callback(AMOUNT), awaiting())).toMatchObject({ kind: 'late', refund: { reason: 'order_cancelled' } });

    const racing = openPayment();
    const outcome = racing.handleCallback(callback(AMOUNT), { receivedAt: at(4), ordersAwaitingPayment: false });
    expect(outcome).toMatchObject({ kind: 'late', refund: { reason: 'order_cancelled', amount: AMOUNT } });
    expect(racing.status).toBe('cancelled');
    expect(racing.pullEvents().map((e) => e.type)).toEqual(['payment.cancelled', 'payment.late-callback']);
  });

  it('PAY-1: a second, different success of a paid payment is refunded (already_paid); the payment stays paid', () => {
    const p = paid();
    expect(p.handleCallback(callback(AMOUNT, 'tx-2'), awaiting(6))).toMatchObject({
      kind: 'late',
      refund: { channelTransactionId: 'tx-2', reason: 'already_paid' },
    });
    expect(p.status).toBe('paid');
    expect(p.toSnapshot().paid?.channelTransactionId).toBe('tx-1');
  });

  it('a late refund is settled once; an unknown transaction is PAYMENT.INVALID_REFUND', () => {
    const p = paid();
    p.handleCallback(callback(AMOUNT, 'tx-2'), awaiting(6));
    expect(p.settleLateRefund('fakepay', 'tx-2', at(7))).toBe(true);
    expect(p.settleLateRefund('fakepay', 'tx-2', at(8))).toBe(false);
    expect(p.lateCallbacks[0]!.refundSettledAt).toEqual(at(7));
    expect(domainErrorOf(() => p.settleLateRefund('fakepay', 'tx-1', at(8))).details).toMatchObject({ reason: 'UNKNOWN_TRANSACTION' });
  });

  it('closing: a closed payment again changes nothing; a paid one is PAYMENT.INVALID_TRANSITION', () => {
    const p = openPayment();
    expect(p.close('order_cancelled', at(2))).toBe(true);
    expect(p.close('timeout', at(3))).toBe(false);
    expect(p.closeIfExpired(at(60))).toBe(false);
    expect(domainErrorOf(() => paid().close('order_cancelled', at(9)))).toMatchObject({
      code: 'PAYMENT.INVALID_TRANSITION',
      details: { from: 'paid', to: 'cancelled' },
    });
    expect(paid().closeIfExpired(at(60))).toBe(false);
  });
});

describe('refunds', () => {
  it('ORD-4: a partial refund of a combined payment is allocated over its orders by largest remainder', () => {
    const p = paid();
    const r = p.refund({ refundId: 'r1', amount: m('100.00'), reason: 'goodwill', at: at(10) });
    // 100.00 over 124.28 : 93.87 : 126.85 → exact 36.0232, 27.2087, 36.7681; floors 36.02, 27.20, 36.76 and the
    // two cents left go to the largest remainders (.87, .81).
    expect(r.refund.orders.map((o) => [o.orderId, text(o.amount)])).toEqual([
      ['c1', '36.02'],
      ['c2', '27.21'],
      ['c3', '36.77'],
    ]);
    expect(r.fullyRefundedOrderIds).toEqual([]);
    expect(p.status).toBe('partially_refunded');
    expect(text(p.refunded)).toBe('100.00');
    expect(p.pullEvents()).toEqual([
      expect.objectContaining({ type: 'payment.refunded', payload: expect.objectContaining({ amount: '100.00', full: false }) }),
    ]);
  });

  it('a refund for one order; refunding the rest of it reports it fully refunded (the application closes it)', () => {
    const p = paid();
    const first = p.refund({ refundId: 'r1', amount: m('90.00'), orderId: 'c2', reason: 'x', at: at(10) });
    expect(first.refund.orders.map((o) => [o.orderId, text(o.amount)])).toEqual([['c2', '90.00']]);
    expect(first.fullyRefundedOrderIds).toEqual([]);
    expect(p.refund({ refundId: 'r2', amount: m('3.87'), orderId: 'c2', reason: 'x', at: at(11) }).fullyRefundedOrderIds).toEqual(['c2']);
    expect(p.status).toBe('partially_refunded');
    // Without an order, the rest is allocated over what is left of each: c2 has nothing left, so gets nothing.
    const rest = p.refund({ refundId: 'r3', amount: m('10.00'), reason: 'x', at: at(12) });
    expect(rest.refund.orders.map((o) => o.orderId)).toEqual(['c1', 'c3']);
  });

  it('PAYMENT.REFUND_EXCEEDS_PAID: never more than is left of the payment, or of the order named', () => {
    const p = paid();
    expect(domainErrorOf(() => p.refund({ refundId: 'r1', amount: m('345.01'), reason: 'x', at: at(10) }))).toMatchObject({
      code: 'PAYMENT.REFUND_EXCEEDS_PAID',
      kind: 'conflict',
      details: { paid: '345.00', refunded: '0.00', requested: '345.01', orderId: null },
    });
    expect(domainErrorOf(() => p.refund({ refundId: 'r1', amount: m('93.88'), orderId: 'c2', reason: 'x', at: at(10) }))).toMatchObject({
      code: 'PAYMENT.REFUND_EXCEEDS_PAID',
      details: { orderId: 'c2', paid: '93.87' },
    });
    p.refund({ refundId: 'r1', amount: AMOUNT, reason: 'x', at: at(10) });
    expect(p.status).toBe('refunded');
    expect(domainErrorOf(() => p.refund({ refundId: 'r2', amount: m('0.01'), reason: 'x', at: at(11) })).code).toBe('PAYMENT.REFUND_EXCEEDS_PAID');
  });

  it('a full refund reports every order fully refunded; refunding an unpaid payment is PAYMENT.INVALID_TRANSITION', () => {
    const p = paid();
    expect(p.refund({ refundId: 'r1', amount: AMOUNT, reason: 'x', at: at(10) }).fullyRefundedOrderIds).toEqual(['c1', 'c2', 'c3']);
    expect(domainErrorOf(() => openPayment().refund({ refundId: 'r1', amount: m('1.00'), reason: 'x', at: at(10) }))).toMatchObject({
      code: 'PAYMENT.INVALID_TRANSITION',
      details: { from: 'unpaid', to: 'refunded' },
    });
  });

  it('the channel’s acknowledgement of a refund is recorded once, with payment.refund-acknowledged; an unknown refund is PAYMENT.INVALID_REFUND', () => {
    const p = paid();
    p.refund({ refundId: 'afs-1', amount: m('20.00'), reason: 'after-sales', at: at(5) });
    p.pullEvents();
    expect(p.acknowledgeRefund('afs-1', 'CH-R1', at(6))).toBe(true);
    expect(p.acknowledgeRefund('afs-1', 'CH-R1', at(7))).toBe(false);
    expect(p.toSnapshot().refunds[0]!.acknowledged).toEqual({ refundTransactionId: 'CH-R1', at: at(6) });
    const events = p.pullEvents();
    expect(events.map((e) => [e.type, e.payload.refundId, e.payload.amount])).toEqual([['payment.refund-acknowledged', 'afs-1', '20.00']]);
    expect(domainErrorOf(() => p.acknowledgeRefund('afs-9', 'CH-R9', at(8))).details).toMatchObject({ reason: 'UNKNOWN_REFUND' });
  });

  it('idempotent by refund id: the same refund again is a replay; the id reused for another amount is PAYMENT.INVALID_REFUND', () => {
    const p = paid();
    const first = p.refund({ refundId: 'r1', amount: m('10.00'), reason: 'x', at: at(10) });
    p.pullEvents();
    expect(p.refund({ refundId: 'r1', amount: m('10.00'), reason: 'x', at: at(11) })).toEqual({
      replayed: true,
      refund: first.refund,
      fullyRefundedOrderIds: [],
    });
    expect(text(p.refunded)).toBe('10.00');
    expect(p.pullEvents()).toEqual([]);
    expect(domainErrorOf(() => p.refund({ refundId: 'r1', amount: m('11.00'), reason: 'x', at: at(11) })).details).toMatchObject({
      reason: 'REFUND_ID_REUSED',
    });
  });

  it('PAYMENT.INVALID_REFUND: zero, negative, fractions of a cent, another currency, an order the payment does not pay', () => {
    const p = paid();
    const reason = (amount: Money, orderId?: string) =>
      domainErrorOf(() => p.refund({ refundId: 'rx', amount, orderId, reason: 'x', at: at(10) })).details.reason;
    expect(reason(m('0.00'))).toBe('NOT_A_POSITIVE_AMOUNT');
    expect(reason(m('-1.00'))).toBe('NOT_A_POSITIVE_AMOUNT');
    expect(reason(Money.of('1.005'))).toBe('NOT_A_POSITIVE_AMOUNT');
    expect(reason(Money.of('1.00', 'USD'))).toBe('NOT_A_POSITIVE_AMOUNT');
    expect(reason(m('1.00'), 'c9')).toBe('UNKNOWN_ORDER');
    expect(p.status).toBe('paid');
  });
});
