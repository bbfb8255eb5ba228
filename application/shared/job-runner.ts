import type { Clock } from '../../domain/shared/ports.js';
import type { ClaimedJob, JobQueue } from './jobs.js';

/**
 * Runs one job. It must be idempotent: delivery is at least once (a crash between the handler's own
 * commit and `complete`, or a run that outlives its lease, runs it again). Throwing retries it later
 * with backoff. A timer that fired early (clocks apart) answers `{ notBefore }`: the job runs again at
 * that moment, with no attempt counted — the one way every early timer is treated (issue #13).
 */
export type JobHandler = (job: ClaimedJob) => Promise<void | JobOutcome>;

/** What a handler may answer instead of completing: not due yet, run again at `notBefore`. */
export interface JobOutcome {
  readonly notBefore: Date;
}

export interface JobRunnerOptions {
  /** Jobs run per `runDue` at most (default 50); each is claimed, and leased, only when its turn comes. */
  readonly batch?: number;
  /** How long a claimed job is ours before another runner may take it (default 60 s): longer than any job runs. */
  readonly leaseMs?: number;
  /** The delay before a failed job runs again, from its attempts before this run (default `exponentialBackoff`). */
  readonly backoff?: (attempts: number) => number;
  /** Told every handler failure (with its job) and every failure of the queue itself (without). Default: nothing. */
  readonly onError?: (error: unknown, job?: ClaimedJob) => void;
}

export interface JobRunResult {
  /** Jobs whose handler was called (or that had none), succeeded or not. */
  readonly ran: number;
  /** Of those, the ones retried later: the handler threw, or no handler knows their kind. */
  readonly failed: number;
}

const SECOND = 1_000;
const HOUR = 3_600_000;
/** Kept of an error in `last_error`: enough to diagnose, never a whole dump. */
const MAX_ERROR_LENGTH = 4_000;

/** 1 s after the first failure, then 2 s, 4 s … doubling up to 1 h. */
export function exponentialBackoff(attempts: number): number {
  return Math.min(SECOND * 2 ** Math.max(0, attempts), HOUR);
}

/**
 * The runner of durable jobs (decision 0017): claims due jobs from the queue one at a time under a lease
 * (decision 0024), calls the handler of each job's kind, and completes the job, or retries it after a
 * backoff when the handler throws. A job of a kind no handler knows is retried with that error, never
 * dropped: a handler registered later (a newer version of the process) still gets it.
 *
 * `start` polls in the background on an unref'd timer (it never keeps the process alive); `stop` ends
 * polling and waits for the job in hand, if any. Several runners (processes) may share one queue: leases keep
 * them from taking the same job while its lease lasts.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly batch: number;
  private readonly leaseMs: number;
  private readonly backoff: (attempts: number) => number;
  private readonly onError: (error: unknown, job?: ClaimedJob) => void;
  private polling = false;
  /** Which `start` the timer chain belongs to: a chain of an earlier start ends on its own. */
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    handlers: Readonly<Record<string, JobHandler>> = {},
    options: JobRunnerOptions = {},
  ) {
    for (const [kind, handler] of Object.entries(handlers)) this.register(kind, handler);
    this.batch = Math.max(1, Math.trunc(options.batch ?? 50));
    this.leaseMs = Math.max(1, options.leaseMs ?? 60_000);
    this.backoff = options.backoff ?? exponentialBackoff;
    this.onError = options.onError ?? (() => {});
  }

  /** The handler of jobs of `kind`; one per kind (a second registration is a wiring mistake). */
  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`a handler for job kind ${kind} is already registered`);
    this.handlers.set(kind, handler);
  }

  /**
   * Runs up to `batch` due jobs, claiming them one at a time (issue #12): only the job in hand is ever
   * leased, so a runner that dies, or loses its database, mid-batch delays that one job by its lease and
   * leaves every other due job to the next runner at once (an unpaid order's timeout must not fire a
   * minute late and hold its stock meanwhile). A failure of the queue itself (the database is gone)
   * rejects; the job in hand, if any, is claimed again when its lease ends.
   */
  runDue(): Promise<JobRunResult> {
    return this.runBatch(() => true);
  }

  /** `runDue`, taking the next job only while `goOn()` (a stopped poller finishes the job in hand, no more). */
  private async runBatch(goOn: () => boolean): Promise<JobRunResult> {
    let ran = 0;
    let failed = 0;
    while (ran < this.batch && goOn()) {
      const [job] = await this.queue.claimDue(this.clock.now(), 1, this.leaseMs);
      if (!job) break;
      ran++;
      const { error, notBefore } = await this.runOne(job);
      if (notBefore) {
        await this.queue.postpone(job.id, notBefore);
      } else if (error === undefined) {
        await this.queue.complete(job.id, this.clock.now());
      } else {
        failed++;
        this.report(error, job);
        const runAt = new Date(this.clock.now().getTime() + Math.max(0, this.backoff(job.attempts)));
        await this.queue.retry(job.id, runAt, describe(error));
      }
    }
    return { ran, failed };
  }

  /** `runDue` again while it ran jobs, at most `maxRounds` times (a backlog, or jobs that schedule jobs due at once). */
  async runUntilIdle(maxRounds = 100): Promise<JobRunResult> {
    let ran = 0;
    let failed = 0;
    for (let round = 0; round < maxRounds; round++) {
      const result = await this.runDue();
      ran += result.ran;
      failed += result.failed;
      if (result.ran === 0) break;
    }
    return { ran, failed };
  }

  /**
   * Polls in the background: a run at once, then one `intervalMs` after each run ended (runs never
   * overlap). A run that took a full batch goes on at once. Calling it while polling changes nothing.
   */
  start(intervalMs = 1_000): void {
    if (this.polling) return;
    this.polling = true;
    const generation = ++this.generation;
    const current = () => this.polling && this.generation === generation;
    const tick = () => {
      this.timer = undefined;
      this.inFlight = this.pollOnce().finally(() => {
        this.inFlight = undefined;
        if (current()) this.schedule(tick, intervalMs);
      });
    };
    // Started again while a stopped run is still in flight: the first run waits for it.
    void Promise.resolve(this.inFlight).then(() => {
      if (current()) this.schedule(tick, 0);
    });
  }

  /** Ends polling; resolves once the run in flight (if any) has finished. */
  async stop(): Promise<void> {
    this.polling = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private async pollOnce(): Promise<void> {
    try {
      while (this.polling) {
        const { ran } = await this.runBatch(() => this.polling);
        if (ran < this.batch) return;
      }
    } catch (error) {
      this.report(error);
    }
  }

  /** A reporter that throws must not stop the runner (nor leave a job unretried). */
  private report(error: unknown, job?: ClaimedJob): void {
    try {
      this.onError(error, job);
    } catch {
      // nothing left to tell
    }
  }

  private schedule(tick: () => void, ms: number): void {
    const timer = setTimeout(tick, ms);
    (timer as { unref?: () => void }).unref?.();
    this.timer = timer;
  }

  /** The handler's error, or undefined when it succeeded. */
  /** The handler's error (undefined when it succeeded), or when it is due after all. */
  private async runOne(job: ClaimedJob): Promise<{ error?: unknown; notBefore?: Date }> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return { error: new Error(`no handler for job kind ${job.kind}`) };
    try {
      const outcome = await handler(job);
      return outcome?.notBefore ? { notBefore: outcome.notBefore } : {};
    } catch (error) {
      return { error: error ?? new Error('the handler threw nothing') };
    }
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
