import { describe, expect, it } from 'vitest';
import { exponentialBackoff, JobRunner, type JobHandler, type JobRunnerOptions } from '../../application/shared/job-runner.js';
import type { ClaimedJob, JobQueue } from '../../application/shared/jobs.js';
import type { Persistence } from '../../application/shared/persistence.js';
import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import { aJob, schedule, t } from '../adapters/job-contract.js';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { TOKENS } from '../../adapters/container/tokens.js';
import { readConfig } from '../../adapters/cli/config.js';

/** A clock the test moves by hand; handlers may move it too (a slow job). */
class ManualClock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  set(at: Date): void {
    this.ms = at.getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

interface World {
  p: Persistence;
  clock: ManualClock;
  runner: JobRunner;
  errors: { error: unknown; job?: ClaimedJob }[];
}

function world(handlers: Record<string, JobHandler> = {}, options: JobRunnerOptions = {}): World {
  const p = memoryPersistence();
  const clock = new ManualClock(t(0).getTime());
  const errors: World['errors'] = [];
  const runner = new JobRunner(p.jobQueue, clock, handlers, { onError: (error, job) => void errors.push({ error, job }), ...options });
  return { p, clock, runner, errors };
}

const failing: JobHandler = async () => {
  throw new Error('channel unavailable');
};

describe('exponentialBackoff', () => {
  it('1 s after the first failure, doubling, capped at 1 h', () => {
    expect([0, 1, 2, 3, 4, 10, 11, 12, 13, 50, 5000].map(exponentialBackoff)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 1_024_000, 2_048_000, 3_600_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });
});

describe('JobRunner', () => {
  it('runs a due job with its payload and completes it: it never runs again', async () => {
    const seen: ClaimedJob[] = [];
    const w = world({ 'order.payment-timeout': async (job) => void seen.push(job) });
    await schedule(w.p, aJob('job-1', t(0), { payload: { orderId: 'o-1' } }), aJob('job-2', t(60)));
    expect(await w.runner.runDue()).toEqual({ ran: 1, failed: 0 });
    expect(seen).toMatchObject([{ key: 'job-1', payload: { orderId: 'o-1' }, attempts: 0 }]);
    w.clock.set(t(100_000));
    expect(await w.runner.runDue()).toEqual({ ran: 1, failed: 0 });
    expect(seen.map((j) => j.key)).toEqual(['job-1', 'job-2']);
    expect(await w.runner.runUntilIdle()).toEqual({ ran: 0, failed: 0 });
  });

  it('a failing handler is retried on the default backoff from the moment it failed: 1 s, 2 s, 4 s, 8 s …', async () => {
    const w = world({ 'order.payment-timeout': failing });
    await schedule(w.p, aJob('job-1', t(0)));
    const gaps: number[] = [];
    let last = t(0).getTime();
    for (let attempt = 0; attempt < 6; attempt++) {
      // Not a millisecond early …
      const due = last + (attempt === 0 ? 0 : exponentialBackoff(attempt - 1));
      w.clock.set(new Date(due - 1));
      expect(await w.runner.runDue()).toEqual({ ran: 0, failed: 0 });
      // … and at once when due.
      w.clock.set(new Date(due));
      expect(await w.runner.runDue()).toEqual({ ran: 1, failed: 1 });
      if (attempt > 0) gaps.push(due - last);
      last = due;
    }
    expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(w.errors.map((e) => e.job?.attempts)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(String(w.errors[0]!.error)).toContain('channel unavailable');
  });

  it('uses the backoff it is given, with the attempts before the failed run', async () => {
    const asked: number[] = [];
    const w = world({ 'order.payment-timeout': failing }, { backoff: (attempts) => (asked.push(attempts), 10_000 * (attempts + 1)) });
    await schedule(w.p, aJob('job-1', t(0)));
    await w.runner.runDue();
    w.clock.set(t(9.999));
    expect((await w.runner.runDue()).ran).toBe(0);
    w.clock.set(t(10));
    await w.runner.runDue();
    w.clock.set(t(30));
    await w.runner.runDue();
    expect(asked).toEqual([0, 1, 2]);
  });

  it('a job of a kind no handler knows is retried with that error, never dropped, and runs once a handler is registered', async () => {
    const w = world();
    await schedule(w.p, aJob('job-1', t(0), { kind: 'payment.refund-late' }));
    expect(await w.runner.runDue()).toEqual({ ran: 1, failed: 1 });
    expect(String(w.errors[0]!.error)).toContain('no handler for job kind payment.refund-late');
    w.clock.set(t(1));
    expect(await w.runner.runDue()).toEqual({ ran: 1, failed: 1 });
    const ran: ClaimedJob[] = [];
    w.runner.register('payment.refund-late', async (job) => void ran.push(job));
    w.clock.set(t(3));
    expect(await w.runner.runDue()).toEqual({ ran: 1, failed: 0 });
    expect(ran).toMatchObject([{ key: 'job-1', attempts: 2 }]);
  });

  it('a handler failing three times is retried until it succeeds, then completed exactly once', async () => {
    let calls = 0;
    const succeeded: string[] = [];
    const w = world({
      'order.payment-timeout': async (job) => {
        calls++;
        if (calls <= 3) throw new Error(`failure ${calls}`);
        succeeded.push(job.key);
      },
    });
    await schedule(w.p, aJob('job-1', t(0)));
    // An hour of runner ticks, one a second: the job runs at 0, 1, 3 and 7 s.
    for (let s = 0; s <= 3_600; s++) {
      w.clock.set(t(s));
      await w.runner.runDue();
    }
    expect(calls).toBe(4);
    expect(succeeded).toEqual(['job-1']);
    expect(w.errors.map((e) => String(e.error))).toEqual(['Error: failure 1', 'Error: failure 2', 'Error: failure 3']);
  });

  it('a handler that throws a non-Error (even undefined) is a failure, not a success', async () => {
    const w = world({ 'order.payment-timeout': () => Promise.reject(undefined) });
    await schedule(w.p, aJob('job-1', t(0)));
    expect(await w.runner.runDue()).toEqual({ ran: 1, failed: 1 });
  });

  it('jobs are leased one at a time, as each is taken (issue #12): a slow job costs the next one no lease, and its own lease is its own', async () => {
    const ran: string[] = [];
    const w = world(
      {
        'order.payment-timeout': async (job) => {
          ran.push(job.key);
          w.clock.advance(1_000); // a slow job: as long as a lease
        },
      },
      { leaseMs: 1_000 },
    );
    await schedule(w.p, aJob('a', t(0)), aJob('b', t(0)));
    expect(await w.runner.runDue()).toEqual({ ran: 2, failed: 0 });
    expect(ran).toEqual(['a', 'b']);
  });

  it('while a job runs, every other due job is still free: a runner that dies in it delays that one job, not the batch (issue #12)', async () => {
    const seenByAnother: string[][] = [];
    const w = world({
      'order.payment-timeout': async (job) => {
        // Another runner, looking now, finds every due job but this one.
        if (job.key === 'b') seenByAnother.push((await w.p.jobQueue.claimDue(w.clock.now(), 100, 1)).map((j) => j.key));
      },
    });
    await schedule(w.p, ...['a', 'b', 'c', 'd'].map((k) => aJob(k, t(0))));
    await w.runner.runDue();
    expect(seenByAnother).toEqual([['c', 'd']]);
  });

  it('a database error mid-batch leaves no job leased but the one in hand: the rest are claimed at once by the next runner (issue #12)', async () => {
    const p = memoryPersistence();
    const clock = new ManualClock(t(0).getTime());
    let completions = 0;
    const failing: JobQueue = {
      claimDue: (now, limit, leaseMs) => p.jobQueue.claimDue(now, limit, leaseMs),
      complete: async (id, at) => {
        if (++completions === 2) throw new Error('Connection terminated unexpectedly');
        await p.jobQueue.complete(id, at);
      },
      retry: (id, runAt, error) => p.jobQueue.retry(id, runAt, error),
      postpone: (id, runAt) => p.jobQueue.postpone(id, runAt),
    };
    const runner = new JobRunner(failing, clock, { 'order.payment-timeout': async () => {} });
    await schedule(p, ...['a', 'b', 'c', 'd', 'e'].map((k) => aJob(k, t(0))));
    await expect(runner.runDue()).rejects.toThrow('Connection terminated');
    // 'a' is done, 'b' ran but its completion was lost (leased, it runs again when the lease ends), the rest wait for nobody.
    expect((await p.jobQueue.claimDue(clock.now(), 100, 1)).map((j) => j.key)).toEqual(['c', 'd', 'e']);
  });

  it('runDue claims one batch; runUntilIdle goes on while there are jobs', async () => {
    const ran: string[] = [];
    const w = world({ 'order.payment-timeout': async (job) => void ran.push(job.key) }, { batch: 2 });
    await schedule(w.p, ...['a', 'b', 'c', 'd', 'e'].map((k) => aJob(k, t(0))));
    expect(await w.runner.runDue()).toEqual({ ran: 2, failed: 0 });
    expect(await w.runner.runUntilIdle()).toEqual({ ran: 3, failed: 0 });
    expect(ran).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('runUntilIdle stops after maxRounds when jobs keep coming due', async () => {
    let n = 0;
    const w = world({}, { batch: 1 });
    w.runner.register('order.payment-timeout', (job) => schedule(w.p, aJob(`${job.key}+${++n}`, t(0))));
    await schedule(w.p, aJob('seed', t(0)));
    expect(await w.runner.runUntilIdle(5)).toEqual({ ran: 5, failed: 0 });
  });

  it('a timer that fired early answers { notBefore }: the job runs again at that moment, with no attempt counted and no error (issue #13)', async () => {
    const runs: Date[] = [];
    const w = world({
      'order.payment-timeout': async () => {
        runs.push(w.clock.now());
        return runs.length === 1 ? { notBefore: t(30) } : undefined;
      },
    });
    await schedule(w.p, aJob('early', t(0)));
    expect(await w.runner.runDue()).toEqual({ ran: 1, failed: 0 });
    w.clock.set(t(29));
    expect(await w.runner.runDue()).toEqual({ ran: 0, failed: 0 });
    w.clock.set(t(30));
    expect(await w.runner.runDue()).toEqual({ ran: 1, failed: 0 });
    expect(runs).toEqual([t(0), t(30)]);
    expect(w.errors).toEqual([]);
    expect(await w.p.jobQueue.claimDue(t(10_000), 10, 1)).toEqual([]);
  });

  it('one handler per kind', () => {
    const w = world({ 'order.auto-confirm': async () => {} });
    expect(() => w.runner.register('order.auto-confirm', async () => {})).toThrow('already registered');
  });

  it('a failing queue rejects runDue; the poller reports it and goes on', async () => {
    const broken: JobQueue = {
      claimDue: () => Promise.reject(new Error('database gone')),
      complete: async () => {},
      retry: async () => {},
      postpone: async () => {},
    };
    const reported: unknown[] = [];
    let resolveSecond!: () => void;
    const second = new Promise<void>((resolve) => (resolveSecond = resolve));
    const runner = new JobRunner(
      broken,
      new ManualClock(0),
      {},
      {
        onError: (error) => {
          reported.push(error);
          if (reported.length === 2) resolveSecond();
        },
      },
    );
    await expect(runner.runDue()).rejects.toThrow('database gone');
    runner.start(1);
    await second;
    await runner.stop();
    expect(reported.length).toBeGreaterThanOrEqual(2);
    expect(new Set(reported.map(String))).toEqual(new Set(['Error: database gone']));
  });

  it('stop waits for the job in hand only: the rest of the batch stays due, unleased, for the next start or runner (issue #12)', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const running = new Promise<void>((resolve) => (entered = resolve));
    const ran: string[] = [];
    const w = world({
      'order.payment-timeout': async (job) => {
        ran.push(job.key);
        entered();
        await blocked;
      },
    });
    await schedule(w.p, ...['a', 'b', 'c'].map((k) => aJob(k, t(0))));
    w.runner.start(1);
    await running;
    const stopping = w.runner.stop();
    release();
    await stopping;
    expect(ran).toEqual(['a']);
    expect((await w.p.jobQueue.claimDue(t(0), 10, 1)).map((j) => j.key)).toEqual(['b', 'c']);
  });

  it('start polls in the background; stop waits for the run in flight', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const running = new Promise<void>((resolve) => (entered = resolve));
    const finished: string[] = [];
    const w = world({
      'order.payment-timeout': async (job) => {
        entered();
        await blocked;
        finished.push(job.key);
      },
    });
    await schedule(w.p, aJob('job-1', t(0)));
    w.runner.start(1);
    w.runner.start(1); // already polling: no second poller
    await running;
    let stopped = false;
    const stopping = w.runner.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toEqual(['job-1']);
    // Stopped: a job due now is left for the next start (a poller at 1 ms would have taken it).
    await schedule(w.p, aJob('job-2', t(0)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await w.p.jobQueue.claimDue(t(0), 10, 1)).toMatchObject([{ key: 'job-2' }]);
  });
});

describe('zt.jobs (composition root)', () => {
  it('contexts register handlers; runDue runs the jobs use cases scheduled, on the clock of the use cases', async () => {
    const clock = new ManualClock(t(0).getTime());
    const failures: unknown[] = [];
    const zt = createZhongtai({ clock, jobs: { onError: (error) => void failures.push(error) } });
    const ran: ClaimedJob[] = [];
    zt.jobs.register('test.ping', async (job) => void ran.push(job));
    const uow = zt.container.get(TOKENS.UnitOfWork);
    await uow.run((tx) => tx.jobs.schedule(aJob('ping:1', t(60), { kind: 'test.ping' })));
    expect(await zt.jobs.runDue()).toEqual({ ran: 0, failed: 0 });
    clock.set(t(60));
    expect(await zt.jobs.runUntilIdle()).toEqual({ ran: 1, failed: 0 });
    expect(ran).toMatchObject([{ key: 'ping:1', kind: 'test.ping' }]);
    expect(failures).toEqual([]);
    zt.jobs.start(1);
    await zt.close(); // stops the poller too
  });
});

describe('ZHONGTAI_JOB_POLL_MS', () => {
  it('sets how often serve polls for due jobs (default 1000 ms); anything but a positive whole number is refused', () => {
    expect(readConfig({ ZHONGTAI_JWT_SECRET: 's' }).jobPollMs).toBe(1_000);
    expect(readConfig({ ZHONGTAI_JWT_SECRET: 's', ZHONGTAI_JOB_POLL_MS: '250' }).jobPollMs).toBe(250);
    for (const bad of ['0', '-5', '1.5', 'soon'])
      expect(() => readConfig({ ZHONGTAI_JWT_SECRET: 's', ZHONGTAI_JOB_POLL_MS: bad })).toThrow('ZHONGTAI_JOB_POLL_MS');
  });
});
