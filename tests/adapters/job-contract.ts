import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../application/shared/job-runner.js';
import type { JobQueue, JobRequest } from '../../application/shared/jobs.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { contractPersistence, inTx, type ContractBackend } from './contract/support.js';

const T0 = Date.parse('2026-11-22T08:00:00.000Z');
/** T0 + `seconds`. */
export const t = (seconds: number) => new Date(T0 + seconds * 1_000);
/** Later than every job of these tests. */
const LATER = t(1_000_000);
const LEASE = 60_000;

export const aJob = (key: string, runAt = t(0), fields: Partial<JobRequest> = {}): JobRequest => ({
  kind: 'order.payment-timeout',
  key,
  runAt,
  payload: { orderId: key },
  ...fields,
});

export const schedule = (p: Persistence, ...jobs: JobRequest[]) =>
  inTx(p, async (tx) => {
    for (const job of jobs) await tx.jobs.schedule(job);
  });

const keysOf = (jobs: readonly { key: string }[]) => jobs.map((j) => j.key);

/**
 * The durable jobs contract (decision 0017): `tx.jobs` (scheduled with the transaction) and the
 * `JobQueue` a runner claims from, written once and run against each adapter.
 */
export function jobContract(name: string, backend: () => Promise<ContractBackend>): void {
  describe(`durable jobs contract — ${name}`, () => {
    const p = contractPersistence(backend);
    const claim = (now: Date, limit = 100, leaseMs = LEASE) => p().jobQueue.claimDue(now, limit, leaseMs);

    describe('scheduling within the transaction', () => {
      it('a committed job is claimed with what was scheduled: kind, key, runAt, JSON payload, no attempts yet', async () => {
        const payload = { orderId: 'o-1', amounts: ['12.30', '0.01'], nested: { n: 3, ok: true, none: null }, text: '待付款 ✓' };
        await schedule(p(), aJob('job-1', t(5), { kind: 'payment.expire', payload }));
        const [job, ...rest] = await claim(t(5));
        expect(rest).toEqual([]);
        expect(job).toMatchObject({ kind: 'payment.expire', key: 'job-1', payload, attempts: 0 });
        expect(typeof job!.id).toBe('string');
        expect(job!.runAt).toBeInstanceOf(Date);
        expect(job!.runAt.getTime()).toBe(t(5).getTime());
      });

      it('a job scheduled in a rolled-back transaction does not exist', async () => {
        const attempt = inTx(p(), async (tx) => {
          await tx.jobs.schedule(aJob('job-1'));
          throw new Error('the change failed');
        });
        await expect(attempt).rejects.toThrow('the change failed');
        expect(await claim(LATER)).toEqual([]);
        // The key is free: the next transaction that asks for it gets its job.
        await schedule(p(), aJob('job-1', t(1), { payload: { second: true } }));
        expect((await claim(LATER)).map((j) => j.payload)).toEqual([{ second: true }]);
      });

      it('scheduling a key that exists keeps the first job as it is (in one transaction or a later one)', async () => {
        await schedule(p(), aJob('job-1', t(10), { payload: { first: true } }), aJob('job-1', t(1), { payload: { second: true } }));
        await schedule(p(), aJob('job-1', t(2), { kind: 'other', payload: { third: true } }));
        const jobs = await claim(LATER);
        expect(jobs).toHaveLength(1);
        expect(jobs[0]).toMatchObject({ kind: 'order.payment-timeout', key: 'job-1', payload: { first: true } });
        expect(jobs[0]!.runAt.getTime()).toBe(t(10).getTime());
      });

      it('a key already done is not scheduled again: a replayed use case does not run its job twice', async () => {
        await schedule(p(), aJob('job-1'));
        const [job] = await claim(t(0));
        await p().jobQueue.complete(job!.id, t(1));
        await schedule(p(), aJob('job-1', t(2)));
        expect(await claim(LATER)).toEqual([]);
      });
    });

    describe('claiming', () => {
      it('only due jobs (runAt ≤ now), earliest first, at most `limit`', async () => {
        await schedule(p(), aJob('c', t(30)), aJob('a', t(10)), aJob('late', t(100)), aJob('b', t(20)));
        const HOUR = 3_600_000;
        expect(await claim(t(9))).toEqual([]);
        expect(keysOf(await claim(t(30), 2, HOUR))).toEqual(['a', 'b']);
        expect(keysOf(await claim(t(30), 2, HOUR))).toEqual(['c']);
        expect(await claim(t(99), 100, HOUR)).toEqual([]);
        expect(keysOf(await claim(t(100), 100, HOUR))).toEqual(['late']);
      });

      it('a claimed job is not claimed again before its lease ends, and is once it has', async () => {
        await schedule(p(), aJob('job-1', t(0)));
        expect(keysOf(await claim(t(0), 10, 5_000))).toEqual(['job-1']);
        expect(await claim(t(4.999))).toEqual([]);
        const [again] = await claim(t(5));
        expect(again).toMatchObject({ key: 'job-1', attempts: 0 }); // a lost lease is no failed attempt
        expect(await claim(t(6))).toEqual([]); // leased again, from t(5)
      });

      it('a limit of 0 claims nothing and leases nothing', async () => {
        await schedule(p(), aJob('job-1'));
        expect(await claim(t(0), 0)).toEqual([]);
        expect(keysOf(await claim(t(0)))).toEqual(['job-1']);
      });
    });

    describe('settling', () => {
      it('a completed job is never claimed again, and a late retry does not revive it', async () => {
        await schedule(p(), aJob('job-1'), aJob('job-2'));
        const jobs = await claim(t(0));
        const one = jobs.find((j) => j.key === 'job-1')!;
        await p().jobQueue.complete(one.id, t(1));
        await p().jobQueue.retry(one.id, t(2), 'a runner that overran its lease');
        await p().jobQueue.complete(one.id, t(3));
        expect(keysOf(await claim(LATER))).toEqual(['job-2']);
        expect(keysOf(await claim(new Date(LATER.getTime() + LEASE)))).toEqual(['job-2']);
      });

      it('a retried job is claimed again at its new runAt, not before, with the attempt counted', async () => {
        await schedule(p(), aJob('job-1', t(0), { payload: { orderId: 'o-1' } }));
        const [first] = await claim(t(0), 10, 3_600_000);
        await p().jobQueue.retry(first!.id, t(10), 'Error: channel unavailable');
        expect(await claim(t(9.999))).toEqual([]);
        // The lease is dropped: the job is due at t(10) though the first lease ran until t(3600).
        const [second] = await claim(t(10));
        expect(second).toMatchObject({ id: first!.id, key: 'job-1', kind: 'order.payment-timeout', payload: { orderId: 'o-1' }, attempts: 1 });
        expect(second!.runAt.getTime()).toBe(t(10).getTime());
        await p().jobQueue.retry(second!.id, t(20), 'again');
        expect((await claim(t(20)))[0]).toMatchObject({ key: 'job-1', attempts: 2 });
      });

      it('claimed with a limit of 1, one job is leased and every other due job stays free for the next claim', async () => {
        await schedule(p(), aJob('a', t(0)), aJob('b', t(0)), aJob('c', t(1)));
        expect(keysOf(await claim(t(1), 1))).toEqual(['a']);
        expect(keysOf(await claim(t(1)))).toEqual(['b', 'c']);
      });

      it('a postponed job (a timer fired early) is claimed again at its new time, its attempts untouched (issue #13)', async () => {
        await schedule(p(), aJob('early', t(0)));
        const [job] = await claim(t(0));
        await p().jobQueue.postpone(job!.id, t(30));
        expect(await claim(t(29))).toEqual([]);
        const [again] = await claim(t(30));
        expect([again?.key, again?.attempts]).toEqual(['early', 0]);
      });

      it('retried and scheduled jobs are claimed together, in runAt order', async () => {
        await schedule(p(), aJob('job-1', t(0)), aJob('job-2', t(5)));
        const [one] = await claim(t(0));
        await p().jobQueue.retry(one!.id, t(1), 'x');
        expect(keysOf(await claim(t(5)))).toEqual(['job-1', 'job-2']);
      });
    });

    describe('a JobRunner on this queue (issue #12)', () => {
      it('a database error mid-batch leaves no job leased but the one in hand: the others are claimed at once, not a lease later', async () => {
        await schedule(p(), ...['a', 'b', 'c', 'd'].map((k) => aJob(k, t(0))));
        let completions = 0;
        const queue = p().jobQueue;
        const losing: JobQueue = {
          claimDue: (now, limit, leaseMs) => queue.claimDue(now, limit, leaseMs),
          complete: async (id, at) => {
            if (++completions === 2) throw new Error('Connection terminated unexpectedly');
            await queue.complete(id, at);
          },
          retry: (id, runAt, error) => queue.retry(id, runAt, error),
          postpone: (id, runAt) => queue.postpone(id, runAt),
        };
        const runner = new JobRunner(losing, { now: () => t(0) }, { 'order.payment-timeout': async () => {} }, { leaseMs: LEASE });
        await expect(runner.runDue()).rejects.toThrow('Connection terminated');
        expect(keysOf(await claim(t(0), 100, 10 * LEASE))).toEqual(['c', 'd']);
        // The one in hand ('b') ran but was not marked done: it runs again when its lease ends.
        expect(keysOf(await claim(new Date(t(0).getTime() + LEASE)))).toEqual(['b']);
      });
    });
  });
}
