import type { ClaimedJob, JobQueue, JobRequest, Jobs } from '../../../application/shared/jobs.js';
import { translateDbError, type TxScope } from './db.js';
import { requiredTimestamp } from './records/timestamp.js';
import { positional, type SqlSessionPool } from './sql-session.js';

/**
 * Jobs scheduled in the unit of work's transaction: kept in its scope and inserted just before COMMIT,
 * with the outbox's events, in one statement (`writeAtCommit`): `insert … on conflict (key) do nothing`,
 * so the job commits or rolls back with the change, and a key scheduled before keeps its job as it is.
 */
export class MikroOrmJobs implements Jobs {
  constructor(private readonly tx: TxScope) {}

  async schedule(job: JobRequest): Promise<void> {
    this.tx.jobs.push(job);
  }
}

interface ClaimedRow {
  id: string | number;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  run_at: string | Date;
  attempts: number;
}

/**
 * Leases up to `limit` due jobs in one statement. `for update skip locked` makes runners side by side
 * take different rows; a row another runner leased and committed meanwhile is re-checked against the
 * WHERE clause (READ COMMITTED), so its new `locked_until` keeps it out.
 */
const CLAIM_DUE = `update job set locked_until = ?::timestamptz
  where id in (
    select id from job
    where done_at is null and run_at <= ?::timestamptz and (locked_until is null or locked_until <= ?::timestamptz)
    order by run_at, id limit ? for update skip locked)
  returning id, kind, key, payload, run_at, attempts`;

/** A job done stays done: a late `complete` or `retry` of a runner that overran its lease changes nothing. */
const COMPLETE = 'update job set done_at = ?::timestamptz, locked_until = null where id = ?::int8 and done_at is null';
const RETRY = 'update job set run_at = ?::timestamptz, attempts = attempts + 1, last_error = ?, locked_until = null where id = ?::int8 and done_at is null';
const POSTPONE = 'update job set run_at = ?::timestamptz, locked_until = null where id = ?::int8 and done_at is null';

/**
 * The runner's side on PostgreSQL: each call is one statement in its own transaction (autocommit) on a
 * session borrowed from the unit of work's pool, released at once.
 */
export class MikroOrmJobQueue implements JobQueue {
  constructor(private readonly sessions: SqlSessionPool) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const n = Math.max(0, Math.trunc(limit));
    if (n === 0) return [];
    const at = now.toISOString();
    const rows = await this.query<ClaimedRow>(CLAIM_DUE, [new Date(now.getTime() + leaseMs).toISOString(), at, at, n]);
    return rows
      .map(
        (r): ClaimedJob => ({
          id: String(r.id),
          kind: r.kind,
          key: r.key,
          payload: r.payload,
          runAt: r.run_at instanceof Date ? r.run_at : requiredTimestamp(r.run_at),
          attempts: Number(r.attempts),
        }),
      )
      .sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || compareIds(a.id, b.id));
  }

  async complete(id: string, at: Date): Promise<void> {
    await this.query(COMPLETE, [at.toISOString(), id]);
  }

  async retry(id: string, runAt: Date, error: string): Promise<void> {
    await this.query(RETRY, [runAt.toISOString(), error, id]);
  }

  async postpone(id: string, runAt: Date): Promise<void> {
    await this.query(POSTPONE, [runAt.toISOString(), id]);
  }

  private async query<R>(sql: string, params: readonly unknown[]): Promise<R[]> {
    const { text, name } = positional(sql);
    const session = await this.sessions.connect();
    try {
      return (await session.query<R>(text, params, name)).rows;
    } catch (error) {
      throw translateDbError(error);
    } finally {
      session.release();
    }
  }
}

/** `returning` keeps no order: ids (int8 as text) compared as numbers. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
