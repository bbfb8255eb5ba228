import { describe, expect, it } from 'vitest';
import { fulfilmentWorld } from '../application/fulfilment-world.js';
import { fileDatabase } from '../support/postgres.js';

const db = fileDatabase();

/**
 * `payment_ledger` (decision 0038) is written by the trigger on `payment`, whoever writes the payment:
 * one row per money movement, a second payment of a number marks both `several` (the matcher leaves
 * those to the pure `matchDay`), a refund gets its own row.
 */
describe(`payment_ledger, kept by the trigger on payment, on ${db.name}`, () => {
  it('a paid order gives one movement; a second payment of its number marks both several; its refund is a movement of its own', async () => {
    const w = await fulfilmentWorld(await db.fresh());
    await w.paidOrder({ id: 'o1' });
    const rows = async () =>
      (await db.sql(`select kind, number, channel, amount::text as amount, several from payment_ledger order by kind, at, number`)) as Record<
        string,
        unknown
      >[];
    expect(await rows()).toEqual([{ kind: 'payment', number: 'PN-pay-o1', channel: 'fake', amount: '223.00', several: false }]);

    const body = w.channel.callbackFor('PN-pay-o1', { transactionId: 'TX-second', amount: '223.00', paidAt: w.clock.now() });
    expect((await w.zt.payments.handleCallback({ channel: 'fake', body })).outcome).toBe('late');
    await w.zt.jobs.runUntilIdle(); // the late payment's refund, through the channel
    const after = await rows();
    expect(after.filter((r) => r.kind === 'payment')).toEqual([
      { kind: 'payment', number: 'PN-pay-o1', channel: 'fake', amount: '223.00', several: true },
      { kind: 'payment', number: 'PN-pay-o1', channel: 'fake', amount: '223.00', several: true },
    ]);
    expect(after.filter((r) => r.kind === 'refund').map((r) => [r.amount, r.several])).toEqual([['223.00', false]]);
  });
});
