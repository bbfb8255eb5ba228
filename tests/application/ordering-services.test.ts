/**
 * Ordering's published in-transaction services (issue #13): what payment asks of orders inside its own
 * transaction — the orders a payment covers, and whether they still await payment — and what anyone may
 * read (`orderFacts`). The Order aggregate stays ordering's: payment sees values, never the aggregate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { orderFacts, ordersAwaitingPayment, ordersToPay } from '../../application/ordering/index.js';
import { ORDERING_STORE } from '../../application/ordering/store.js';
import type { Transaction } from '../../application/shared/unit-of-work.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { storedOrders } from '../support/stored-orders.js';

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (isDomainError(e) ? e.code : String(e)),
  );

describe('ordering’s services for payment and other contexts', () => {
  let zt: Zhongtai;
  const inTx = <T>(work: (tx: Transaction) => Promise<T>) => zt.persistence.unitOfWork(zt.events).run(work);

  beforeAll(async () => {
    zt = createZhongtai();
    const orders = storedOrders(zt);
    await orders.unpaid('o1', 'm1', ['sku-a', 'sku-b']);
    await orders.unpaid('o2', 'm1', ['sku-a']);
    await orders.unpaid('o3', 'm2', ['sku-a']);
    await orders.pay('o2');
  });

  it('ordersToPay answers the member’s leaf orders as values, each once, with what a payment needs (payable, time to pay)', async () => {
    const { leaves, alreadyPaid } = await inTx((tx) => ordersToPay(tx, 'm1', ['o1', 'o1']));
    expect(alreadyPaid).toBeNull();
    expect(leaves.map((o) => [o.id, o.number, o.kind, o.status, o.memberId, o.payable.toString(), o.isSplitParent])).toEqual([
      ['o1', 'SO-o1', 'goods', 'pending_payment', 'm1', '208.00', false], // two lines of 100.00 and the mothers' freight of 8.00
    ]);
    const stored = await inTx(async (tx) => (await tx.use(ORDERING_STORE).orders.get('o1'))!.toSnapshot().payBy);
    expect(leaves[0]!.payBy).toEqual(stored);
  });

  it('another member’s order, or none, is ORDER.NOT_FOUND; the first order already paid is answered with its payment, before later orders are read', async () => {
    expect(await codeOf(inTx((tx) => ordersToPay(tx, 'm1', ['o3'])))).toBe('ORDER.NOT_FOUND');
    expect(await codeOf(inTx((tx) => ordersToPay(tx, 'm1', ['nope'])))).toBe('ORDER.NOT_FOUND');
    const answer = await inTx((tx) => ordersToPay(tx, 'm1', ['o1', 'o2', 'nope']));
    expect(answer.alreadyPaid).toEqual({ orderId: 'o2', paymentId: 'pay-o2' });
    expect(answer.leaves.map((o) => o.id)).toEqual(['o1']);
  });

  it('ordersAwaitingPayment is true only when every order still awaits payment; a missing order is a broken reference', async () => {
    expect(await inTx((tx) => ordersAwaitingPayment(tx, ['o1', 'o3']))).toBe(true);
    expect(await inTx((tx) => ordersAwaitingPayment(tx, ['o1', 'o2']))).toBe(false);
    await expect(inTx((tx) => ordersAwaitingPayment(tx, ['nope']))).rejects.toThrow(/missing order nope/);
  });

  it('orderFacts reads one order inside the caller’s transaction, or null', async () => {
    expect(await inTx((tx) => orderFacts(tx, 'o2'))).toMatchObject({
      id: 'o2',
      memberId: 'm1',
      status: 'pending_shipment',
      awaitingPayment: false,
      paid: true,
      split: false,
    });
    expect(await inTx((tx) => orderFacts(tx, 'nope'))).toBeNull();
  });
});
