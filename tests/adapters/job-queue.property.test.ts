import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../application/shared/job-runner.js';
import type { ClaimedJob, JobQueue } from '../../application/shared/jobs.js';
import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { inTx } from './contract/support.js';
import { aJob, schedule, t } from './job-contract.js';

type Action =
  /** A use case schedules a job and commits, or fails and rolls back. */
  | { readonly do: 'schedule'; readonly key: number; readonly delayMs: number; readonly commit: boolean }
  /** A runner (driven by hand) claims due jobs and holds them. */
  | { readonly do: 'claim'; readonly limit: number; readonly leaseMs: number }
  /** It runs one it holds, successfully, and completes it (within its lease). */
  | { readonly do: 'complete'; readonly pick: number }
  /** Its handler failed: it retries one later. */
  | { readonly do: 'retry'; readonly pick: number; readonly delayMs: number }
  /** It dies holding one: the lease just runs out. */
  | { readonly do: 'crash'; readonly pick: number }
  | { readonly do: 'advance'; readonly ms: number }
  /** A JobRunner whose handlers succeed runs what is due. */
  | { readonly do: 'run' };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ do: fc.constant('schedule' as const), key: fc.nat(7), delayMs: fc.nat(5_000), commit: fc.boolean() }),
  fc.record({ do: fc.constant('claim' as const), limit: fc.integer({ min: 1, max: 3 }), leaseMs: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({ do: fc.constant('complete' as const), pick: fc.nat() }),
  fc.record({ do: fc.constant('retry' as const), pick: fc.nat(), delayMs: fc.nat(5_000) }),
  fc.record({ do: fc.constant('crash' as const), pick: fc.nat() }),
  fc.record({ do: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 4_000 }) }),
  fc.constant({ do: 'run' as const }),
);

describe('durable jobs on the memory adapter (property)', () => {
  it('for any interleaving of schedule, claim, complete, retry, crash and time, every committed job is completed exactly once and nothing else ever runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 60 }), async (actions) => {
        const p = memoryPersistence();
        let now = t(0).getTime();
        const clock = { now: () => new Date(now) };
        /** Committed keys (the first scheduling of a key wins). */
        const committed = new Set<string>();
        /** Jobs held by hand-driven runners, with their lease ends. */
        let held: { job: ClaimedJob; until: number }[] = [];
        const completions = new Map<string, number>();

        /** What a claim may hand out: a committed job, never completed, not leased to someone else now. */
        const checkClaimable = (job: ClaimedJob) => {
          expect(committed.has(job.key)).toBe(true);
          expect(completions.get(job.key) ?? 0).toBe(0);
          expect(held.some((h) => h.job.key === job.key)).toBe(false);
          expect(job.runAt.getTime()).toBeLessThanOrEqual(now);
        };
        const complete = (key: string) => completions.set(key, (completions.get(key) ?? 0) + 1);
        const runner = new JobRunner(
          p.jobQueue,
          clock,
          { 'order.payment-timeout': async (job) => void (checkClaimable(job), complete(job.key)) },
          { leaseMs: 10_000 },
        );
        /** A runner whose lease ran out has lost its jobs (it is presumed dead). */
        const expire = () => (held = held.filter((h) => h.until > now));
        const take = (pick: number) => held.splice(pick % held.length, 1)[0]!;

        for (const a of actions) {
          switch (a.do) {
            case 'schedule': {
              const key = `job-${a.key}`;
              const scheduled = inTx(p, async (tx) => {
                await tx.jobs.schedule(aJob(key, new Date(now + a.delayMs)));
                if (!a.commit) throw new Error('rolled back');
              });
              if (a.commit) {
                await scheduled;
                committed.add(key);
              } else await expect(scheduled).rejects.toThrow('rolled back');
              break;
            }
            case 'claim': {
              const jobs = await p.jobQueue.claimDue(new Date(now), a.limit, a.leaseMs);
              expect(jobs.length).toBeLessThanOrEqual(a.limit);
              expect(new Set(jobs.map((j) => j.key)).size).toBe(jobs.length);
              jobs.forEach(checkClaimable);
              held.push(...jobs.map((job) => ({ job, until: now + a.leaseMs })));
              break;
            }
            case 'complete':
              if (held.length > 0) {
                const { job } = take(a.pick);
                complete(job.key);
                await p.jobQueue.complete(job.id, new Date(now));
              }
              break;
            case 'retry':
              if (held.length > 0) await p.jobQueue.retry(take(a.pick).job.id, new Date(now + a.delayMs), 'Error: failed');
              break;
            case 'crash':
              if (held.length > 0) take(a.pick);
              break;
            case 'advance':
              now += a.ms;
              expire();
              break;
            case 'run':
              await runner.runDue();
              break;
          }
        }

        // Eventually: time passes, every lease runs out, the runner catches up.
        now += 86_400_000;
        expire();
        expect(held).toEqual([]);
        await runner.runUntilIdle();
        expect(Object.fromEntries(completions)).toEqual(Object.fromEntries([...committed].map((k) => [k, 1])));
        expect(await p.jobQueue.claimDue(new Date(now + 86_400_000), 100, 1)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('for any batch and any call at which the queue fails (the database goes), a JobRunner leaves at most one job leased: the one in hand (issue #12)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        async (jobs, batch, failAt, handlersFail) => {
          const p = memoryPersistence();
          await schedule(p, ...Array.from({ length: jobs }, (_, i) => aJob(`job-${i}`, t(0))));
          let calls = 0;
          let done = 0;
          let putOff = 0;
          const fail = () => {
            if (++calls === failAt) throw new Error('Connection terminated unexpectedly');
          };
          const flaky: JobQueue = {
            claimDue: async (now, limit, leaseMs) => (fail(), p.jobQueue.claimDue(now, limit, leaseMs)),
            complete: async (id, at) => (fail(), done++, p.jobQueue.complete(id, at)),
            retry: async (id, _runAt, error) => (fail(), putOff++, p.jobQueue.retry(id, t(3_600), error)),
            postpone: async (id, runAt) => (fail(), p.jobQueue.postpone(id, runAt)),
          };
          const handler = async () => {
            if (handlersFail) throw new Error('the handler failed');
          };
          const runner = new JobRunner(flaky, { now: () => t(0) }, { 'order.payment-timeout': handler }, { batch, leaseMs: 60_000 });
          await runner.runDue().catch(() => {});
          // Whatever was neither done nor put off (retried an hour later) is free now, but for at most one job.
          const free = await p.jobQueue.claimDue(t(0), 100, 1);
          const leased = jobs - done - putOff - free.length;
          expect(leased).toBeGreaterThanOrEqual(0);
          expect(leased).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
