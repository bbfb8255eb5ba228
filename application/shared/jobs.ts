/**
 * Durable jobs (decision 0017): timers (the unpaid timeout ORD-3, automatic receipt confirmation, the
 * payment expiry PAY-2) and notifications to other contexts that must be retried until acknowledged.
 * A job is scheduled inside the use case's transaction, so it exists if and only if the change that
 * asked for it committed; a runner claims due jobs, calls the handler of their kind, and completes
 * them, or retries them later with backoff when the handler throws. Handlers are idempotent: a job may
 * run more than once (a crash after the handler's commit and before `complete`).
 */
export interface JobRequest {
  /** What to do: the runner's handler of this kind runs the job. */
  readonly kind: string;
  /** Unique per job: scheduling a key that exists changes nothing (a replayed use case schedules once). */
  readonly key: string;
  /** Not before this moment. */
  readonly runAt: Date;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Port, inside a transaction: schedules jobs with the change that asks for them. */
export interface Jobs {
  schedule(job: JobRequest): Promise<void>;
}

export interface ClaimedJob extends JobRequest {
  readonly id: string;
  /** Runs before this one (0 on the first). */
  readonly attempts: number;
}

/**
 * Port, outside transactions: the runner's side of the queue. `claimDue` leases up to `limit` due jobs
 * for `leaseMs` (on PostgreSQL `for update skip locked`, so runners side by side take different jobs;
 * a job whose runner died is claimed again when its lease ends).
 */
export interface JobQueue {
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedJob[]>;
  complete(id: string, at: Date): Promise<void>;
  /** The handler failed: run again at `runAt`, with the attempt counted and the error kept. */
  retry(id: string, runAt: Date, error: string): Promise<void>;
  /** Not due yet (a timer fired early): run again at `runAt`, no attempt counted. */
  postpone(id: string, runAt: Date): Promise<void>;
}
