import { describe, expect, it } from 'vitest';
import { breakdownFromPricing, linePayable } from '../../../domain/ordering/amounts.js';
import {
  afterInterception,
  afterSalesOnly,
  CANCELLATION_BY_STAGE,
  decideCancellationAfterPayment,
  FULFILMENT_STAGES,
} from '../../../domain/ordering/cancellation.js';
import { Order, type OrderSnapshot } from '../../../domain/ordering/order.js';
import {
  ORDER_FLOWS,
  ORDER_KINDS,
  ORDER_MACHINE,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  canTransition,
  parentStatus,
  type OrderKind,
  type OrderStatus,
} from '../../../domain/ordering/status.js';
import { priceOrder } from '../../../domain/pricing/engine.js';
import { Money } from '../../../domain/shared/money.js';
import { domainErrorOf } from '../../support/mothers.js';
import { coupon, line, order as pricingInput } from '../pricing/pricing-mothers.js';
import { aGoodsOrder, aLine, aServiceOrder, at, COMMON, DAY, fixedCodes, m, newOrder, T0 } from './order-mothers.js';

const types = (o: Order) => o.pullEvents().map((e) => e.type);

/** An order of `kind` restored in `status`, with the data that status implies. */
function orderIn(kind: OrderKind, status: OrderStatus): Order {
  const base = (kind === 'goods' ? aGoodsOrder() : aServiceOrder()).toSnapshot();
  const paid = status !== 'pending_payment' && status !== 'cancelled';
  const snapshot: OrderSnapshot = {
    ...base,
    status,
    payment: paid ? { paymentId: 'pay-0', paidAt: at(1) } : null,
    verification: kind === 'service' && paid ? { code: 'CODE000000', issuedAt: at(1), redeemedAt: null, redeemedByShop: null } : null,
    shipment:
      kind === 'goods' && ['shipped', 'completed'].includes(status)
        ? { carrier: 'SF', trackingNumber: 'SF1', shippedAt: at(2), autoConfirmAt: at(2 + 10 * 1440) }
        : null,
  };
  return Order.restore(snapshot);
}

/** The verbs, each with the status it leads to for a kind. */
const VERBS: Record<string, { to: (k: OrderKind) => OrderStatus; run: (o: Order) => unknown }> = {
  pay: { to: (k) => (k === 'goods' ? 'pending_shipment' : 'pending_redemption'), run: (o) => o.pay({ paymentId: 'pay-new', at: at(5), codes: fixedCodes() }) },
  cancel: { to: () => 'cancelled', run: (o) => o.cancel({ by: 'member', memberId: COMMON.memberId, at: at(5) }) },
  ship: { to: () => 'shipped', run: (o) => o.ship({ carrier: 'SF', trackingNumber: 'SF123', at: at(5), autoConfirmAt: at(5 + 14_400) }) },
  confirm: { to: () => 'completed', run: (o) => o.confirmReceipt(COMMON.memberId, at(5)) },
  redeem: { to: () => 'completed', run: (o) => o.redeem({ code: 'CODE000000', shopId: 'spa-1', at: at(5) }) },
  close: { to: () => 'closed', run: (o) => o.close({ reason: 'fully_refunded', at: at(5) }) },
};

describe('ORD-2: the order status tables', () => {
  it('name every status for both kinds, and nothing leads back to pending payment', () => {
    for (const kind of ORDER_KINDS) {
      expect(Object.keys(ORDER_FLOWS[kind]).sort()).toEqual([...ORDER_STATUSES].sort());
      for (const targets of Object.values(ORDER_FLOWS[kind])) expect(targets as readonly string[]).not.toContain('pending_payment');
    }
    expect(ORDER_FLOWS.goods.pending_payment).toEqual(['pending_shipment', 'cancelled']);
    expect(ORDER_FLOWS.service.pending_payment).toEqual(['pending_redemption', 'cancelled']);
  });

  it('ORDER_TRANSITIONS (the drawn machine) is exactly the union of both flows, and its final states are completed, cancelled, closed', () => {
    for (const from of ORDER_STATUSES) {
      const union = new Set(ORDER_KINDS.flatMap((k) => ORDER_FLOWS[k][from] as readonly string[]));
      expect([...(ORDER_TRANSITIONS[from] as readonly string[])].sort(), from).toEqual([...union].sort());
    }
    expect(ORDER_MACHINE.finals).toEqual(['completed', 'cancelled', 'closed']);
  });

  it('redeeming a goods order, from any status (shipped included, which may complete), is ORDER.INVALID_TRANSITION, never a plain Error', () => {
    for (const from of ORDER_STATUSES) {
      const o = orderIn('goods', from);
      const e = domainErrorOf(() => VERBS.redeem!.run(o));
      expect([from, e.code, e.details]).toEqual([from, 'ORDER.INVALID_TRANSITION', expect.objectContaining({ from, to: 'completed', kind: 'goods' })]);
      expect(o.status).toBe(from);
    }
  });

  it('ORD-2: every verb from every status succeeds exactly when the table lists the move, else ORDER.INVALID_TRANSITION with from/to', () => {
    let allowed = 0;
    for (const kind of ORDER_KINDS) {
      for (const from of ORDER_STATUSES) {
        for (const [name, verb] of Object.entries(VERBS)) {
          if ((name === 'confirm' && kind === 'service') || (name === 'redeem' && kind === 'goods')) continue;
          const o = orderIn(kind, from);
          const to = verb.to(kind);
          if (canTransition(kind, from, to)) {
            verb.run(o);
            expect(o.status, `${kind} ${from} --${name}--> ${to}`).toBe(to);
            allowed++;
          } else {
            const e = domainErrorOf(() => verb.run(o));
            expect(e.code, `${kind} ${from} --${name}-->`).toBe('ORDER.INVALID_TRANSITION');
            expect(e.details).toMatchObject({ from, to, kind });
            expect(o.status).toBe(from);
          }
        }
      }
    }
    // Every edge of both tables was taken once (each target has one verb per kind): 6 goods + 4 service.
    const edges = ORDER_KINDS.flatMap((k) => Object.values(ORDER_FLOWS[k]).flat());
    expect(edges).toHaveLength(10);
    expect(allowed).toBe(edges.length);
  });
});

describe('ORD-2: placing and paying', () => {
  it('a placed order is pending payment and records order.placed with its payable (ORD-1)', () => {
    const o = Order.place(newOrder());
    expect(o.status).toBe('pending_payment');
    const [e] = o.pullEvents();
    expect(e).toMatchObject({
      type: 'order.placed',
      aggregateId: 'order-1',
      occurredAt: T0,
      payload: { payable: '223.00', goodsTotal: '230.00', memberId: 'member-1', parentId: null },
    });
    expect(o.amounts.payable.toString()).toBe('223.00'); // 200 + 30 + 8 − 10 − 5
    expect(o.toSnapshot().shopId).toBe('shop-a');
  });

  it('paying moves a goods order to pending shipment once; the same payment again is a replay that changes nothing', () => {
    const o = aGoodsOrder();
    expect(o.pay({ paymentId: 'pay-1', at: at(3), codes: fixedCodes() })).toEqual({ replayed: false });
    expect(o.status).toBe('pending_shipment');
    expect(o.pullEvents()).toEqual([
      expect.objectContaining({
        type: 'order.paid',
        payload: expect.objectContaining({ paymentId: 'pay-1', payable: '223.00', verificationCodeIssued: false }),
      }),
    ]);
    const before = o.toSnapshot();
    expect(o.pay({ paymentId: 'pay-1', at: at(9), codes: fixedCodes() })).toEqual({ replayed: true });
    expect(o.toSnapshot()).toBe(before);
    expect(o.pullEvents()).toEqual([]);
  });

  it('a second, different payment of a paid order is ORDER.INVALID_TRANSITION (the payment context refunds it)', () => {
    const o = aGoodsOrder();
    o.pay({ paymentId: 'pay-1', at: at(3), codes: fixedCodes() });
    expect(domainErrorOf(() => o.pay({ paymentId: 'pay-2', at: at(4), codes: fixedCodes() }))).toMatchObject({
      code: 'ORDER.INVALID_TRANSITION',
      details: { from: 'pending_shipment', to: 'pending_shipment' },
    });
  });

  it('bad input: paying a cancelled order is ORDER.INVALID_TRANSITION from cancelled', () => {
    const o = aGoodsOrder();
    o.cancel({ by: 'member', memberId: 'member-1', at: at(1) });
    expect(domainErrorOf(() => o.pay({ paymentId: 'pay-1', at: at(2), codes: fixedCodes() }))).toMatchObject({
      code: 'ORDER.INVALID_TRANSITION',
      kind: 'conflict',
      details: { from: 'cancelled', to: 'pending_shipment' },
    });
  });

  it('a service order: paying issues a verification code from the injected source; the shop redeems it and the order completes', () => {
    const o = aServiceOrder();
    const codes = fixedCodes();
    o.pay({ paymentId: 'pay-s', at: at(2), codes });
    expect(o.status).toBe('pending_redemption');
    expect(o.toSnapshot().verification).toEqual({ code: 'CODE000001', issuedAt: at(2), redeemedAt: null, redeemedByShop: null });
    expect(types(o)).toEqual(['order.paid']);
    o.redeem({ code: 'CODE000001', shopId: 'spa-1', at: at(60) });
    expect(o.status).toBe('completed');
    expect(o.toSnapshot()).toMatchObject({ completedAt: at(60), verification: { redeemedAt: at(60), redeemedByShop: 'spa-1' } });
    expect(o.pullEvents()).toEqual([
      expect.objectContaining({ type: 'order.completed', payload: expect.objectContaining({ via: 'redemption', shopId: 'spa-1' }) }),
    ]);
  });

  it('ORDER.INVALID_CODE: a wrong code, or the right code at another shop; nothing changes', () => {
    const o = aServiceOrder();
    o.pay({ paymentId: 'pay-s', at: at(2), codes: fixedCodes() });
    const before = o.toSnapshot();
    expect(domainErrorOf(() => o.redeem({ code: 'CODE999999', shopId: 'spa-1', at: at(3) })).code).toBe('ORDER.INVALID_CODE');
    expect(domainErrorOf(() => o.redeem({ code: 'CODE000001', shopId: 'spa-2', at: at(3) })).code).toBe('ORDER.INVALID_CODE');
    expect(o.toSnapshot()).toBe(before);
  });

  it('a code source that gives a malformed code is a programming error, not a business rejection', () => {
    const o = aServiceOrder();
    expect(() => o.pay({ paymentId: 'p', at: at(1), codes: { next: () => '12' } })).toThrow(/verification code/);
    expect(o.status).toBe('pending_payment');
  });
});

describe('ORD-2 / ORD-3: cancelling before payment', () => {
  it('the member cancels their own unpaid order; order.cancelled lists the stock to release', () => {
    const o = aGoodsOrder();
    o.cancel({ by: 'member', memberId: 'member-1', at: at(4), reason: 'changed my mind' });
    expect(o.status).toBe('cancelled');
    expect(o.toSnapshot().cancellation).toEqual({ by: 'member', at: at(4), reason: 'changed my mind' });
    expect(o.pullEvents()).toEqual([
      expect.objectContaining({
        type: 'order.cancelled',
        payload: expect.objectContaining({
          by: 'member',
          lines: [
            { skuId: 'sku-L1', quantity: 2 },
            { skuId: 'sku-L2', quantity: 1 },
          ],
        }),
      }),
    ]);
  });

  it('risk control cancels an unpaid order', () => {
    const o = aGoodsOrder();
    o.cancel({ by: 'risk_control', at: at(1), reason: 'blacklisted device' });
    expect(o.toSnapshot().cancellation).toEqual({ by: 'risk_control', at: at(1), reason: 'blacklisted device' });
  });

  it('bad input: another member cancelling or confirming gets ORDER.NOT_FOUND (never visible to them); nothing changes', () => {
    const o = aGoodsOrder();
    expect(domainErrorOf(() => o.cancel({ by: 'member', memberId: 'member-2', at: at(1) }))).toMatchObject({ code: 'ORDER.NOT_FOUND', kind: 'not_found' });
    o.pay({ paymentId: 'p', at: at(2), codes: fixedCodes() });
    o.ship({ carrier: 'SF', trackingNumber: 'SF1', at: at(3), autoConfirmAt: at(3 + 14_400) });
    o.pullEvents();
    expect(domainErrorOf(() => o.confirmReceipt('member-2', at(4))).code).toBe('ORDER.NOT_FOUND');
    expect(o.status).toBe('shipped');
    expect(o.pullEvents()).toEqual([]);
  });

  it('bad input: cancelling a shipped order through the pre-payment path is ORDER.INVALID_TRANSITION (ORD-6 decides instead)', () => {
    const o = orderIn('goods', 'shipped');
    expect(domainErrorOf(() => o.cancel({ by: 'member', memberId: 'member-1', at: at(9) }))).toMatchObject({
      code: 'ORDER.INVALID_TRANSITION',
      details: { from: 'shipped', to: 'cancelled' },
    });
  });

  it('ORD-3: the unpaid timeout cancels at payBy, not before, and never a paid order', () => {
    const o = aGoodsOrder();
    expect(o.expireIfUnpaid(at(29))).toBe(false);
    expect(o.status).toBe('pending_payment');
    expect(o.expireIfUnpaid(at(30))).toBe(true);
    expect(o.toSnapshot().cancellation).toEqual({ by: 'timeout', at: at(30), reason: null });
    expect(types(o)).toEqual(['order.cancelled']);
    expect(o.expireIfUnpaid(at(31))).toBe(false);

    const paid = aGoodsOrder();
    paid.pay({ paymentId: 'p', at: at(10), codes: fixedCodes() });
    expect(paid.expireIfUnpaid(at(40))).toBe(false);
    expect(paid.status).toBe('pending_shipment');
  });
});

describe('fulfilment: ship, confirm receipt, complete', () => {
  it('shipping records carrier and tracking number; the member confirms receipt: order.received then order.completed', () => {
    const o = aGoodsOrder();
    o.pay({ paymentId: 'p', at: at(1), codes: fixedCodes() });
    o.ship({ carrier: ' SF ', trackingNumber: 'SF100', at: at(60), autoConfirmAt: new Date(at(60).getTime() + 10 * DAY) });
    expect(o.toSnapshot().shipment).toMatchObject({ carrier: 'SF', trackingNumber: 'SF100', shippedAt: at(60) });
    o.pullEvents();
    o.confirmReceipt('member-1', at(2000));
    expect(o.status).toBe('completed');
    expect(o.toSnapshot()).toMatchObject({ receipt: { by: 'member', at: at(2000) }, completedAt: at(2000) });
    expect(o.pullEvents().map((e) => [e.type, e.payload.by ?? e.payload.via])).toEqual([
      ['order.received', 'member'],
      ['order.completed', 'receipt'],
    ]);
  });

  it('automatic receipt confirmation happens at autoConfirmAt, not before', () => {
    const o = aGoodsOrder();
    o.pay({ paymentId: 'p', at: at(1), codes: fixedCodes() });
    const due = new Date(at(60).getTime() + 10 * DAY);
    o.ship({ carrier: 'SF', trackingNumber: 'SF100', at: at(60), autoConfirmAt: due });
    o.pullEvents();
    expect(o.autoConfirmIfDue(new Date(due.getTime() - 1))).toBe(false);
    expect(o.autoConfirmIfDue(due)).toBe(true);
    expect(o.toSnapshot().receipt).toEqual({ by: 'auto', at: due });
    expect(types(o)).toEqual(['order.received', 'order.completed']);
    expect(o.autoConfirmIfDue(new Date(due.getTime() + DAY))).toBe(false);
  });

  it('bad input: shipping an unpaid order is ORDER.INVALID_TRANSITION; a service order is never shipped', () => {
    const ship = (o: Order) => o.ship({ carrier: 'SF', trackingNumber: 'SF1', at: at(2), autoConfirmAt: at(20_000) });
    expect(domainErrorOf(() => ship(aGoodsOrder()))).toMatchObject({ code: 'ORDER.INVALID_TRANSITION', details: { from: 'pending_payment', to: 'shipped' } });
    const s = aServiceOrder();
    s.pay({ paymentId: 'p', at: at(1), codes: fixedCodes() });
    expect(domainErrorOf(() => ship(s))).toMatchObject({
      code: 'ORDER.INVALID_TRANSITION',
      details: { from: 'pending_redemption', to: 'shipped', kind: 'service' },
    });
  });

  it('ORDER.INVALID_SHIPMENT: a carrier and a tracking number are required', () => {
    const o = aGoodsOrder();
    o.pay({ paymentId: 'p', at: at(1), codes: fixedCodes() });
    expect(domainErrorOf(() => o.ship({ carrier: ' ', trackingNumber: 'SF1', at: at(2), autoConfirmAt: at(20_000) })).code).toBe('ORDER.INVALID_SHIPMENT');
    expect(domainErrorOf(() => o.ship({ carrier: 'SF', trackingNumber: '', at: at(2), autoConfirmAt: at(20_000) })).code).toBe('ORDER.INVALID_SHIPMENT');
    expect(o.status).toBe('pending_shipment');
  });

  it('ORD-2 closed: a paid order is closed after a full refund, with order.closed', () => {
    const o = orderIn('goods', 'pending_shipment');
    o.close({ reason: 'cancelled_after_payment', at: at(9) });
    expect(o.status).toBe('closed');
    expect(o.toSnapshot().closure).toEqual({ reason: 'cancelled_after_payment', at: at(9) });
    expect(types(o)).toEqual(['order.closed']);
  });
});

describe('ORD-1: amounts of a new order', () => {
  const bad = (fields: Parameters<typeof newOrder>[0]) => domainErrorOf(() => Order.place(newOrder(fields)));

  it('ORD-1: payable = goods + freight − (activity + coupon + points + member), the shipping coupon counted as a coupon', () => {
    const o = Order.place(
      newOrder({
        lines: [aLine('L1', '50.00', 2, { discounts: { activityDiscount: '10.00', couponDiscount: '5.00', pointsDeduction: '2.50', memberDiscount: '1.00' } })],
        freight: m('12.00'),
        freightCouponDiscount: m('8.00'),
      }),
    );
    const a = o.amounts;
    expect(
      [a.goodsTotal, a.freight, a.activityDiscount, a.couponDiscount, a.pointsDeduction, a.memberDiscount, a.totalDiscount, a.payable].map(String),
    ).toEqual(['100.00', '12.00', '10.00', '13.00', '2.50', '1.00', '26.50', '85.50']);
  });

  it('ORD-1: a fully discounted order with free shipping pays 0.00, never less', () => {
    const o = Order.place(
      newOrder({ lines: [aLine('L1', '9.90', 1, { discounts: { couponDiscount: '9.90' } })], freight: m('6.00'), freightCouponDiscount: m('6.00') }),
    );
    expect(o.payable.toString()).toBe('0.00');
  });

  it('ORDER.INVALID_AMOUNTS: discounts above the goods, a shipping coupon above the freight, fractions of a cent, negatives, another currency, goods ≠ price × quantity', () => {
    expect(bad({ lines: [aLine('L1', '10.00', 1, { discounts: { activityDiscount: '6.00', couponDiscount: '4.01' } })] }).details).toMatchObject({
      reason: 'DISCOUNTS_EXCEED_GOODS',
    });
    expect(bad({ freight: m('5.00'), freightCouponDiscount: m('5.01') }).details).toMatchObject({ reason: 'FREIGHT_DISCOUNT_EXCEEDS_FREIGHT' });
    expect(bad({ freight: Money.of('5.001') }).details).toMatchObject({ field: 'freight', reason: 'NOT_WHOLE_MINOR_UNITS' });
    expect(bad({ lines: [aLine('L1', '10.00', 1, { discounts: { pointsDeduction: '-1.00' } })] }).details).toMatchObject({ reason: 'NEGATIVE_AMOUNT' });
    expect(bad({ freight: Money.of('5.00', 'USD') }).details).toMatchObject({ reason: 'CURRENCY_MISMATCH' });
    expect(bad({ lines: [{ ...aLine('L1', '10.00', 2), amounts: { ...aLine('L1', '10.00', 2).amounts, goods: m('19.99') } }] }).details).toMatchObject({
      reason: 'GOODS_NOT_PRICE_TIMES_QUANTITY',
    });
    expect(bad({ freight: Money.of('5.001') }).code).toBe('ORDER.INVALID_AMOUNTS');
  });

  it('ORDER.INVALID_ORDER: no lines, a duplicate line, a bad quantity, a goods order without consignee, a time to pay not after placing', () => {
    expect(bad({ lines: [] }).details).toMatchObject({ reason: 'EMPTY' });
    expect(bad({ lines: [aLine('L1', '1.00'), aLine('L1', '2.00')] }).details).toMatchObject({ reason: 'DUPLICATE_LINE' });
    expect(bad({ lines: [{ ...aLine('L1', '1.00'), quantity: 0 }] }).details).toMatchObject({ reason: 'INVALID_QUANTITY' });
    expect(bad({ common: { ...COMMON, consignee: null } }).details).toMatchObject({ field: 'common.consignee', reason: 'MISSING' });
    expect(bad({ payBy: T0 }).details).toMatchObject({ reason: 'NOT_AFTER_PLACING' });
    expect(bad({ lines: [] }).code).toBe('ORDER.INVALID_ORDER');
  });

  it('ORD-1 with the pricing engine: the per-line breakdown of a real pricing gives the engine’s line payables and total payable', () => {
    const result = priceOrder(
      pricingInput(
        [line('L1', '128.00', 2), line('L2', '45.00', 3, { shopId: 'shop-b' })],
        [{ id: 'fr', kind: 'full_reduction', scope: { kind: 'all' }, rule: { mode: 'tiered', tiers: [{ threshold: '300.00', off: '30.00' }] } }],
        [coupon('c', { kind: 'cash', amount: '20.00' }), coupon('f', { kind: 'shipping', amount: '8.00' })],
        { freight: '10.00', points: { balance: 1000, ratio: { points: 100, amount: '1.00' }, maxPercent: '10' } },
      ),
    );
    const b = breakdownFromPricing(result, { L2: m('1.35') });
    const o = Order.place(
      newOrder({
        lines: b.lines.map((l, i) => ({
          ...aLine(l.lineId, l.unitPrice.toString(), l.quantity, { shopId: i === 0 ? 'shop-a' : 'shop-b' }),
          amounts: l.amounts,
        })),
        freight: b.freight,
        freightCouponDiscount: b.freightCouponDiscount,
      }),
    );
    const l1 = result.lines[0]!;
    expect(linePayable(o.lines[0]!.amounts).toString()).toBe(l1.payable.toString());
    expect(linePayable(o.lines[1]!.amounts).toString()).toBe(result.lines[1]!.payable.subtract(m('1.35')).toString());
    expect(o.payable.toString()).toBe(result.totals.payable.subtract(m('1.35')).toString());
    expect(o.amounts.couponDiscount.toString()).toBe(result.totals.couponDiscount.add(result.totals.freightDeduction).toString());
    expect(o.amounts.pointsDeduction.toString()).toBe(result.totals.pointsAmount.toString());
    expect(o.amounts.activityDiscount.isPositive()).toBe(true);
  });
});

describe('ORD-6: cancelling after payment by fulfilment stage', () => {
  const paid = orderIn('goods', 'pending_shipment');

  it('ORD-6: each stage gives its action, as the table says', () => {
    expect(FULFILMENT_STAGES.map((s) => [s, decideCancellationAfterPayment(paid, s).action])).toEqual([
      ['not_allocated', 'cancel_and_refund'],
      ['allocated', 'release_allocation_and_refund'],
      ['at_warehouse', 'request_warehouse_interception'],
      ['shipped', 'request_carrier_interception'],
      ['signed', 'refuse'],
    ]);
    expect(decideCancellationAfterPayment(paid, 'allocated')).toEqual({
      stage: 'allocated',
      action: 'release_allocation_and_refund',
      closes: 'now',
      stock: 'release_allocation',
    });
    expect(decideCancellationAfterPayment(paid, 'shipped')).toMatchObject({ closes: 'if_intercepted', stock: 'none' });
    expect(decideCancellationAfterPayment(paid, 'signed')).toMatchObject({ closes: 'never' });
    expect(Object.keys(CANCELLATION_BY_STAGE)).toEqual([...FULFILMENT_STAGES]);
  });

  it('ORD-6: a shipped order is at least at the shipped stage; an unredeemed service order is cancelled and refunded', () => {
    expect(decideCancellationAfterPayment(orderIn('goods', 'shipped'), 'allocated').action).toBe('request_carrier_interception');
    expect(decideCancellationAfterPayment(orderIn('goods', 'shipped'), 'signed').action).toBe('refuse');
    expect(decideCancellationAfterPayment(orderIn('service', 'pending_redemption'), 'signed').action).toBe('cancel_and_refund');
  });

  it('ORD-6: an unpaid or final order has no cancellation after payment (ORDER.INVALID_TRANSITION to closed)', () => {
    for (const s of ['pending_payment', 'completed', 'cancelled', 'closed'] as const) {
      expect(domainErrorOf(() => decideCancellationAfterPayment(orderIn('goods', s), 'not_allocated'))).toMatchObject({
        code: 'ORDER.INVALID_TRANSITION',
        details: { from: s, to: 'closed' },
      });
    }
  });

  it('ORD-6: an interception that succeeds closes and refunds; one that fails leaves after-sales only (ORDER.AFTER_SALES_ONLY)', () => {
    const d = decideCancellationAfterPayment(paid, 'at_warehouse');
    expect(afterInterception(d, true)).toBe('close_and_refund');
    expect(afterInterception(d, false)).toBe('after_sales_only');
    expect(() => afterInterception(decideCancellationAfterPayment(paid, 'not_allocated'), true)).toThrow();
    expect(afterSalesOnly('order-1', 'SIGNED')).toMatchObject({
      code: 'ORDER.AFTER_SALES_ONLY',
      kind: 'conflict',
      details: { orderId: 'order-1', reason: 'SIGNED' },
    });
  });
});

describe('ORD-5: the status of a split parent', () => {
  it('ORD-5: the parent shows the least advanced child still in the sale; cancelled and closed children have left', () => {
    expect(parentStatus(['pending_payment', 'pending_shipment'])).toBe('pending_payment');
    expect(parentStatus(['cancelled', 'pending_shipment'])).toBe('pending_shipment');
    expect(parentStatus(['shipped', 'completed'])).toBe('shipped');
    expect(parentStatus(['completed', 'closed', 'completed'])).toBe('completed');
    expect(parentStatus(['closed', 'cancelled'])).toBe('closed');
    expect(parentStatus(['cancelled', 'cancelled'])).toBe('cancelled');
    for (const s of ORDER_STATUSES) expect(parentStatus([s, s])).toBe(s);
  });
});
