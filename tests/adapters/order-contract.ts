import { describe, expect, it } from 'vitest';
import { Order } from '../../domain/ordering/order.js';
import { splitOrder } from '../../domain/ordering/split.js';
import { Payment } from '../../domain/payment/payment.js';
import { Money } from '../../domain/shared/money.js';
import { aGoodsOrder, aLine, aServiceOrder, at, fixedCodes, m, newOrder } from '../domain/ordering/order-mothers.js';
import { callback, openPayment, threeChildren } from '../domain/payment/payment-mothers.js';
import { codeOf, contractPersistence, inTx, plain, type ContractBackend } from './contract/support.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';
import { PAYMENT_STORE } from '../../application/payment/store.js';

/** An order with every optional field set: invoice, remark, discounts on the lines, specs, image. */
const full = (fields: Parameters<typeof aGoodsOrder>[0] = {}) =>
  aGoodsOrder({
    common: {
      memberId: 'member-1',
      memberLevel: 'VIP2',
      consignee: { name: '李雷', phone: '13800000000', region: ['浙江', '杭州', '西湖'], address: '龙井路 1 号', postcode: null },
      platform: 'taotao',
      channel: 'app',
      invoice: { title: 'ACME Ltd', taxNumber: '91330000X' },
      remark: '请尽快发货',
    },
    lines: [
      aLine('L1', '100.01', 3, {
        specs: { color: '红', size: 'XL' },
        image: 'https://img/1.png',
        discounts: { activityDiscount: '10.03', couponDiscount: '5.00', pointsDeduction: '0.99', memberDiscount: '1.01' },
      }),
      aLine('L2', '0.01', 1),
    ],
    freight: m('8.00'),
    freightCouponDiscount: m('3.00'),
    ...fields,
  });

/**
 * The ordering persistence contract: Orders and Payments, written once and run against each adapter.
 * `backend()` is awaited once; `fresh()` before each test.
 */
export function orderContract(name: string, backend: () => Promise<ContractBackend>): void {
  describe(`order persistence contract — ${name}`, () => {
    const p = contractPersistence(backend);

    describe('Orders', () => {
      it('saves a new order at version 1 and reads back the same snapshot, Money exact and Dates as Dates', async () => {
        const o = full();
        await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.save(o));
        expect(o.version).toBe(1);
        const found = (await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.get('order-1')))!;
        expect(found).toBeInstanceOf(Order);
        expect(plain(found.toSnapshot())).toEqual(plain(o.toSnapshot()));
        const s = found.toSnapshot();
        expect(s.lines[0]!.unitPrice).toBeInstanceOf(Money);
        expect(s.lines[0]!.unitPrice.toString()).toBe('100.01');
        expect(s.lines[0]!.amounts.pointsDeduction.equals(m('0.99'))).toBe(true);
        expect(s.placedAt).toBeInstanceOf(Date);
        expect(s.payBy.getTime()).toBe(at(30).getTime());
        expect(found.payable.equals(o.payable)).toBe(true);
        expect(plain(found.amounts)).toEqual(plain(o.amounts));
        expect(await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.get('nope'))).toBeNull();
      });

      it('updates an order loaded at the stored version and bumps the version (a paid service order keeps its code)', async () => {
        await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.save(aServiceOrder()));
        await inTx(p(), async (tx) => {
          const o = (await tx.use(ORDERING_STORE).orders.get('order-s'))!;
          o.pay({ paymentId: 'pay-1', at: at(5), codes: fixedCodes() });
          await tx.use(ORDERING_STORE).orders.save(o);
          expect(o.version).toBe(2);
        });
        const s = (await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.get('order-s')))!.toSnapshot();
        expect(s).toMatchObject({
          status: 'pending_redemption',
          version: 2,
          payment: { paymentId: 'pay-1' },
          verification: { code: 'CODE000001', redeemedAt: null },
        });
        expect(s.payment!.paidAt.getTime()).toBe(at(5).getTime());
      });

      it('CONCURRENCY.STALE_AGGREGATE: a stale copy, or creating an id that exists, is rejected', async () => {
        await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.save(full()));
        const mine = (await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.get('order-1')))!;
        const theirs = (await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.get('order-1')))!;
        theirs.pay({ paymentId: 'pay-1', at: at(5), codes: fixedCodes() });
        await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.save(theirs));
        mine.cancel({ by: 'member', memberId: 'member-1', at: at(6) });
        expect(await codeOf(inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.save(mine)))).toBe('CONCURRENCY.STALE_AGGREGATE');
        expect(await codeOf(inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.save(aGoodsOrder({ number: 'OTHER' }))))).toBe('CONCURRENCY.STALE_AGGREGATE');
        expect((await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.get('order-1')))!.status).toBe('pending_shipment');
      });

      it('finds an order by its number', async () => {
        await inTx(p(), async (tx) => {
          await tx.use(ORDERING_STORE).orders.save(aGoodsOrder());
          await tx.use(ORDERING_STORE).orders.save(aGoodsOrder({ id: 'order-2', number: 'SO2' }));
        });
        expect((await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.byNumber('SO2')))?.id).toBe('order-2');
        expect((await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.byNumber('SO20250618000001')))?.id).toBe('order-1');
        expect(await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.byNumber('SO-none'))).toBeNull();
      });

      it('lists the children of a split parent by number', async () => {
        const children = threeChildren();
        await inTx(p(), async (tx) => {
          for (const c of [...children].reverse()) await tx.use(ORDERING_STORE).orders.save(c);
          await tx.use(ORDERING_STORE).orders.save(aGoodsOrder({ id: 'other', number: 'SO-X' }));
        });
        const found = await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.children('order-1'));
        expect(found.map((o) => o.number)).toEqual(['SO-1-1', 'SO-1-2', 'SO-1-3']);
        expect(plain(found[2]!.toSnapshot())).toEqual(plain(children[2]!.toSnapshot()));
        expect(await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.children('other'))).toEqual([]);
      });

      it('dueForPaymentTimeout: pending payment with payBy ≤ now, earliest first, limited; paid orders and split parents never', async () => {
        const paid = aGoodsOrder({ id: 'paid', number: 'SO-P', payBy: at(5) });
        paid.pay({ paymentId: 'pay-9', at: at(1), codes: fixedCodes() });
        const parent = Order.place(
          newOrder({ id: 'parent', number: 'SO-PARENT', payBy: at(1), lines: [aLine('L1', '10.00', 1), aLine('L2', '20.00', 1, { shopId: 'shop-b' })] }),
        );
        const { parent: split } = splitOrder(
          parent,
          [
            { warehouseId: 'wh-1', lines: [{ lineId: 'L1', quantity: 1 }] },
            { warehouseId: 'wh-2', lines: [{ lineId: 'L2', quantity: 1 }] },
          ],
          (i) => ({ id: `pc${i}`, number: `SO-PC-${i}` }),
          at(0),
        );
        await inTx(p(), async (tx) => {
          await tx.use(ORDERING_STORE).orders.save(aGoodsOrder({ id: 'late', number: 'SO-L', payBy: at(30) }));
          await tx.use(ORDERING_STORE).orders.save(aGoodsOrder({ id: 'early', number: 'SO-E', payBy: at(10) }));
          await tx.use(ORDERING_STORE).orders.save(paid);
          await tx.use(ORDERING_STORE).orders.save(split);
        });
        const due = async (now: Date, limit = 10) => (await inTx(p(), (tx) => tx.use(ORDERING_STORE).orders.dueForPaymentTimeout(now, limit))).map((o) => o.id);
        expect(await due(at(9))).toEqual([]);
        expect(await due(at(10))).toEqual(['early']);
        expect(await due(at(40))).toEqual(['early', 'late']);
        expect(await due(at(40), 1)).toEqual(['early']);
      });
    });

    describe('Payments', () => {
      it('saves a new payment at version 1 and reads back the same snapshot, amounts exact', async () => {
        const pay = openPayment();
        await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.save(pay));
        expect(pay.version).toBe(1);
        const found = (await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.get('pay-1')))!;
        expect(found).toBeInstanceOf(Payment);
        expect(plain(found.toSnapshot())).toEqual(plain(pay.toSnapshot()));
        expect(found.amount.toString()).toBe('345.00');
        expect(found.orders.map((o) => o.amount.toString())).toEqual(pay.orders.map((o) => o.amount.toString()));
        expect(found.toSnapshot().expiresAt).toBeInstanceOf(Date);
        expect(await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.get('nope'))).toBeNull();
      });

      it('a callback bumps the version; the payment is then found by its channel transaction and by each of its orders', async () => {
        await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.save(openPayment()));
        await inTx(p(), (tx) =>
          tx.use(PAYMENT_STORE).payments.save(openPayment([aGoodsOrder({ id: 'solo', number: 'SO-SOLO' })], { id: 'pay-2', number: 'PN0002' })),
        );
        await inTx(p(), async (tx) => {
          const pay = (await tx.use(PAYMENT_STORE).payments.get('pay-1'))!;
          expect(pay.handleCallback(callback(pay.amount), { receivedAt: at(4), ordersAwaitingPayment: true }).kind).toBe('paid');
          await tx.use(PAYMENT_STORE).payments.save(pay);
          expect(pay.version).toBe(2);
        });
        const byTx = (await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.byChannelTransaction('fakepay', 'tx-1')))!;
        expect(byTx.id).toBe('pay-1');
        expect(byTx.toSnapshot()).toMatchObject({ status: 'paid', version: 2, paid: { channel: 'fakepay', channelTransactionId: 'tx-1' } });
        expect(await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.byChannelTransaction('otherpay', 'tx-1'))).toBeNull();
        expect(await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.byChannelTransaction('fakepay', 'tx-2'))).toBeNull();
        expect((await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.ofOrder('c2'))).map((x) => x.id)).toEqual(['pay-1']);
        expect((await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.ofOrder('solo'))).map((x) => x.id)).toEqual(['pay-2']);
        expect(await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.ofOrder('none'))).toEqual([]);
      });

      it('a late second success is found by its own transaction id too', async () => {
        await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.save(openPayment()));
        await inTx(p(), async (tx) => {
          const pay = (await tx.use(PAYMENT_STORE).payments.get('pay-1'))!;
          pay.handleCallback(callback(pay.amount), { receivedAt: at(4), ordersAwaitingPayment: true });
          expect(pay.handleCallback(callback(pay.amount, 'tx-2'), { receivedAt: at(5), ordersAwaitingPayment: false }).kind).toBe('late');
          await tx.use(PAYMENT_STORE).payments.save(pay);
        });
        expect((await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.byChannelTransaction('fakepay', 'tx-2')))?.id).toBe('pay-1');
      });

      it('CONCURRENCY.STALE_AGGREGATE: a stale copy, or creating an id that exists, is rejected', async () => {
        await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.save(openPayment()));
        const mine = (await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.get('pay-1')))!;
        const theirs = (await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.get('pay-1')))!;
        theirs.close('timeout', at(20));
        await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.save(theirs));
        mine.handleCallback(callback(mine.amount), { receivedAt: at(4), ordersAwaitingPayment: true });
        expect(await codeOf(inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.save(mine)))).toBe('CONCURRENCY.STALE_AGGREGATE');
        expect(await codeOf(inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.save(openPayment(undefined, { number: 'PN-OTHER' }))))).toBe(
          'CONCURRENCY.STALE_AGGREGATE',
        );
        expect((await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.get('pay-1')))!.status).toBe('cancelled');
        expect(await inTx(p(), (tx) => tx.use(PAYMENT_STORE).payments.byChannelTransaction('fakepay', 'tx-1'))).toBeNull();
      });
    });
  });
}
