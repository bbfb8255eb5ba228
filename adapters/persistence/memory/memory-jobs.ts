import type { ClaimedJob, JobQueue, JobRequest, Jobs } from '../../../application/shared/jobs.js';
import type { MemoryDatabase, MemoryJob } from './memory-database.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

/** The payload as JSON keeps it, so that memory hands back what PostgreSQL's jsonb would. */
const asStored = (payload: Readonly<Record<string, unknown>>): Record<string, unknown> => JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;

/**
 * Jobs scheduled in a memory transaction: staged with its other writes, so a rollback leaves no job.
 * A key that exists (committed, or staged by this transaction) keeps its job as it is.
 */
export class MemoryJobs implements Jobs {
  constructor(private readonly tx: MemoryTransactionState) {}

  async schedule(job: JobRequest): Promise<void> {
    if (this.tx.read('jobs', job.key)) return;
    const row: MemoryJob = {
      id: job.key,
      kind: job.kind,
      payload: asStored(job.payload),
      runAt: new Date(job.runAt.getTime()),
      attempts: 0,
      lastError: null,
      lockedUntil: null,
      doneAt: null,
      version: 0,
    };
    this.tx.write('jobs', row);
  }
}

/**
 * The runner's side in memory; a job's id is its key. Each call reads and writes the committed table
 * without awaiting in between, so it is atomic in this process without taking the database lock;
 * transactions only ever add new keys, so a commit cannot undo a claim or a completion.
 */
export class MemoryJobQueue implements JobQueue {
  constructor(private readonly db: MemoryDatabase) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const at = now.getTime();
    const lockedUntil = new Date(at + leaseMs);
    // The table iterates in commit order and the sort is stable: ties on runAt go oldest first.
    const due = [...this.table.values()]
      .filter((j) => j.doneAt === null && j.runAt.getTime() <= at && (j.lockedUntil === null || j.lockedUntil.getTime() <= at))
      .sort((a, b) => a.runAt.getTime() - b.runAt.getTime())
      .slice(0, Math.max(0, Math.trunc(limit)));
    return due.map((j) => {
      this.put({ ...j, lockedUntil });
      return { id: j.id, kind: j.kind, key: j.id, runAt: new Date(j.runAt.getTime()), payload: asStored(j.payload), attempts: j.attempts };
    });
  }

  async complete(id: string, at: Date): Promise<void> {
    const j = this.table.get(id);
    if (j && j.doneAt === null) this.put({ ...j, doneAt: new Date(at.getTime()), lockedUntil: null });
  }

  async retry(id: string, runAt: Date, error: string): Promise<void> {
    const j = this.table.get(id);
    if (j && j.doneAt === null) this.put({ ...j, runAt: new Date(runAt.getTime()), attempts: j.attempts + 1, lastError: error, lockedUntil: null });
  }

  async postpone(id: string, runAt: Date): Promise<void> {
    const j = this.table.get(id);
    if (j && j.doneAt === null) this.put({ ...j, runAt: new Date(runAt.getTime()), lockedUntil: null });
  }

  private get table(): Map<string, MemoryJob> {
    return this.db.tables.jobs;
  }

  private put(j: MemoryJob): void {
    this.table.set(j.id, { ...j, version: j.version + 1 });
  }
}
