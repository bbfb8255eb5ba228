import { codeOf } from '../support/refusals.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import { DAY, fulfilmentWorld, type FulfilmentWorld } from './fulfilment-world.js';

/**
 * Refund notifications (退款通知, issue #15 item 3): a channel that takes a refund and tells its outcome
 * later — the fake channel with `refundsLater` — on one persistence. The order is the fulfilment world's
 * o1 (223.00); one unit of L1 (92.50) is refunded before shipping by after-sales.
 */
export function refundNotificationSuite(name: string, persistence: () => Promise<Persistence | undefined>): void {
  describe(`refund notifications on ${name}`, { timeout: 60_000 }, () => {
    let w: FulfilmentWorld;
    beforeEach(async () => {
      w = await fulfilmentWorld(await persistence());
    }, 60_000);
    const refunded = async () => {
      await w.paidOrder({ id: 'o1' });
      const id = await w.refundOnly('o1', [{ lineId: 'L1', quantity: 1 }]);
      await w.zt.jobs.runUntilIdle();
      return id;
    };
    const notify = (body: unknown) => w.zt.payments.handleRefundCallback({ channel: 'fake', body });
    const acknowledged = async () => (await w.payment('pay-o1')).refunds.map((r) => [r.refundId, r.acknowledged?.refundTransactionId ?? null]);

    it('a refund the channel took completes when its success is notified, once: the request succeeds; a second notification is a replay', async () => {
      w.channel.refundsLater = true;
      const id = await refunded();
      expect([(await w.zt.afterSales.get({ requestId: id })).status, await acknowledged()]).toEqual(['awaiting_refund', [[`afs-${id}`, null]]]);
      const body = w.channel.refundCallbackFor(`afs-${id}`);
      expect(await notify(body)).toEqual({ paymentId: 'pay-o1', refundId: `afs-${id}`, outcome: 'acknowledged', replayed: false });
      await w.zt.jobs.runUntilIdle();
      expect((await w.zt.afterSales.get({ requestId: id })).status).toBe('succeeded');
      const before = await w.payment('pay-o1');
      expect(await notify(body)).toEqual({ paymentId: 'pay-o1', refundId: `afs-${id}`, outcome: 'acknowledged', replayed: true });
      expect(await w.payment('pay-o1')).toEqual(before);
      expect(w.jobErrors).toEqual([]);
    });

    it('a failed refund is asked of the channel again under the same refund id, and completes when that one succeeds', async () => {
      w.channel.refundsLater = true;
      const id = await refunded();
      expect(await notify(w.channel.refundCallbackFor(`afs-${id}`, 'failed'))).toMatchObject({ outcome: 'retrying', replayed: false });
      expect(w.channel.refunds.has(`afs-${id}`)).toBe(false);
      await w.zt.jobs.runUntilIdle();
      expect(w.channel.refunds.get(`afs-${id}`)?.amount.toString()).toBe('92.50'); // taken again
      await notify(w.channel.refundCallbackFor(`afs-${id}`));
      await w.zt.jobs.runUntilIdle();
      expect((await w.zt.afterSales.get({ requestId: id })).status).toBe('succeeded');
    });

    it('a notification after the channel answered the refund itself changes nothing (late); a forged or wrong one is refused with nothing written', async () => {
      const id = await refunded(); // the channel answered at once: acknowledged
      const [[, ack]] = (await acknowledged()) as [[string, string]];
      expect(ack).not.toBeNull();
      expect(await notify(w.channel.refundCallbackFor(`afs-${id}`))).toMatchObject({ outcome: 'acknowledged', replayed: true });
      const before = await w.payment('pay-o1');
      const good = w.channel.refundCallbackFor(`afs-${id}`);
      expect(await codeOf(notify({ ...good, amount: '1.00' }))).toBe('PAYMENT.INVALID_SIGNATURE');
      expect(await codeOf(notify(w.channel.refundCallbackFor(`afs-${id}`, 'succeeded', { amount: '92.49' })))).toBe('PAYMENT.AMOUNT_MISMATCH');
      expect(await codeOf(notify({ nothing: 'here' }))).toBe('PAYMENT.INVALID_CALLBACK');
      w.clock.advance(DAY);
      expect(await w.payment('pay-o1')).toEqual(before);
    });

    it('a channel that tells what the payment has refunded so far (Alipay): each notification holds between its own refund and all of them together (issue #16)', async () => {
      w.channel.refundsLater = true;
      await w.paidOrder({ id: 'o1' });
      const first = await w.refundOnly('o1', [{ lineId: 'L1', quantity: 1 }]);
      const second = await w.refundOnly('o1', [{ lineId: 'L1', quantity: 1 }]);
      await w.zt.jobs.runUntilIdle();
      const refunds = (await w.payment('pay-o1')).refunds.map((r) => [r.refundId, r.amount.toString()]);
      // ORD-4 allocation of L1's 2 units: 92.50 each (100.00 less its 7.50 share of the discounts).
      expect(refunds).toEqual([
        [`afs-${first}`, '92.50'],
        [`afs-${second}`, '92.50'],
      ]);
      const soFar = (refundId: string, amount: string) => notify(w.channel.refundCallbackFor(refundId, 'succeeded', { amount, amountIs: 'refunded_so_far' }));
      // Below its own refund, or above both together: not this payment's refunds.
      expect(await codeOf(soFar(`afs-${second}`, '92.49'))).toBe('PAYMENT.AMOUNT_MISMATCH');
      expect(await codeOf(soFar(`afs-${second}`, '185.01'))).toBe('PAYMENT.AMOUNT_MISMATCH');
      // The channel finished the second first (92.50 so far), then the first (185.00 so far).
      expect(await soFar(`afs-${second}`, '92.50')).toMatchObject({ refundId: `afs-${second}`, outcome: 'acknowledged', replayed: false });
      expect(await soFar(`afs-${first}`, '185.00')).toMatchObject({ refundId: `afs-${first}`, outcome: 'acknowledged', replayed: false });
      expect((await acknowledged()).every(([, ack]) => ack !== null)).toBe(true);
    });
  });
}
