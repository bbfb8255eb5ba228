import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { PAYMENT_STORE } from '../../application/payment/store.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { Payment, type PaymentSnapshot } from '../../domain/payment/payment.js';
import { channelRecords } from '../../domain/payment/index.js';
import { matchDay } from '../../domain/reconciliation/index.js';
import { CHANNEL, DAY, FROM, kindNumber, ledgers, statementChannel, TO, TOLERANCE } from './reconciliation-data.js';

/** A zhongtai with the statement channel, on `persistence`, its clock the day after DAY. */
export function reconciliationWorld(persistence: Persistence | undefined) {
  const channel = statementChannel();
  const now = { at: new Date('2025-06-19T10:00:00.000Z') };
  const zt: Zhongtai = createZhongtai({
    ...(persistence ? { persistence } : {}),
    clock: { now: () => now.at },
    ordering: { channels: [channel] },
    reconciliation: { timeZones: { [CHANNEL]: 'Asia/Shanghai' } },
  });
  const seed = async (payments: readonly PaymentSnapshot[]) => {
    const uow = zt.persistence.unitOfWork(zt.events);
    for (let i = 0; i < payments.length; i += 500) {
      await uow.run(async (tx) => {
        for (const p of payments.slice(i, i + 500)) await tx.use(PAYMENT_STORE).payments.save(Payment.restore(p));
      });
    }
  };
  const found = async () => (await zt.reconciliation.searchCases({ channel: CHANNEL, day: DAY, limit: 100_000 })).map(kindNumber).sort();
  return { zt, channel, seed, found, now };
}

/** PAY-3 through the use case on one persistence: every seeded discrepancy found with its kind, no false positives, as the pure function says. */
export function reconciliationSuite(
  name: string,
  persistence: () => Promise<Persistence | undefined>,
  sizes: { runs: number; size: number; big?: number },
): void {
  describe(`reconciliation (PAY-3) on ${name}`, { timeout: 600_000 }, () => {
    it('finds every seeded discrepancy with its kind and nothing else, as the pure reconcile does; a re-run files no case twice', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: sizes.size }), async (s, size) => {
          const w = reconciliationWorld(await persistence());
          const data = ledgers(s, size, 0.1);
          await w.seed(data.payments);
          w.channel.lines = data.statement;
          const run = await w.zt.reconciliation.run({ channel: CHANNEL, day: DAY });
          const found = await w.found();
          expect(found).toEqual(data.faults);
          const platform = data.payments
            .flatMap(channelRecords)
            .filter((r) => r.at.getTime() >= FROM.getTime() - TOLERANCE && r.at.getTime() < TO.getTime() + TOLERANCE);
          const pure = matchDay(platform, data.statement, { day: { from: FROM, to: TO }, toleranceMs: TOLERANCE });
          expect([...new Set(pure.discrepancies.map(kindNumber))].sort()).toEqual(found);
          expect(run.report.matched).toEqual(pure.matched);
          expect(run.report.casesOpened).toBe(found.length);
          const again = await w.zt.reconciliation.run({ channel: CHANNEL, day: DAY, source: 'stored' });
          expect([again.report.casesOpened, again.report.casesClosed, again.statementRun]).toEqual([0, 0, run.id]);
          expect(await w.found()).toEqual(found);
        }),
        { numRuns: sizes.runs },
      );
    });

    if (sizes.big) {
      it(`finds the seeded discrepancies among ${sizes.big} payments`, async () => {
        const w = reconciliationWorld(await persistence());
        const data = ledgers(7, sizes.big!, 0.01);
        await w.seed(data.payments);
        w.channel.lines = data.statement;
        const run = await w.zt.reconciliation.run({ channel: CHANNEL, day: DAY });
        expect(await w.found()).toEqual(data.faults);
        expect(run.report.statementLines).toBe(data.statement.length);
        expect(Object.values(run.report.discrepancies).reduce((n, t) => n + t.count, 0)).toBe(data.faults.length);
      });
    }

    it('a re-run resolves, as the system, the cases whose discrepancy is gone; closed cases stay closed', async () => {
      const w = reconciliationWorld(await persistence());
      const data = ledgers(11, 40, 0.3);
      await w.seed(data.payments);
      w.channel.lines = data.statement;
      await w.zt.reconciliation.run({ channel: CHANNEL, day: DAY });
      const open = await w.zt.reconciliation.searchCases({ channel: CHANNEL, day: DAY, state: 'open' });
      expect(open.length).toBe(data.faults.length);
      const [first, second] = open;
      await w.zt.reconciliation.resolveCase({ caseId: first!.id, action: 'write_off', note: 'borne', by: 'staff-1' });
      // The channel's corrected statement: exactly the platform's records.
      w.channel.lines = data.payments
        .flatMap(channelRecords)
        .filter((r) => r.at.getTime() >= FROM.getTime() && r.at.getTime() < TO.getTime())
        .map(({ channel: _, ...r }) => ({ ...r, channelTransactionId: `C-${r.number}`, fee: r.amount.multiply(0) }));
      const rerun = await w.zt.reconciliation.run({ channel: CHANNEL, day: DAY });
      expect(rerun.report.casesClosed).toBe(open.length - 1);
      const after = await w.zt.reconciliation.getCase({ caseId: second!.id });
      expect([after.state, after.resolution?.action, after.resolution?.by]).toEqual(['resolved', 'system', 'system']);
      expect((await w.zt.reconciliation.getCase({ caseId: first!.id })).state).toBe('written_off');
    });
  });
}
