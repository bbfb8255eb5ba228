import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventPublisher, Transaction, UnitOfWork } from '../../../application/shared/unit-of-work.js';
import { subscriptionJobs, type EventRouting } from '../../../application/shared/subscriptions.js';
import { PgStores } from './context-part.js';

const NO_SUBSCRIPTIONS = new Map<string, readonly string[]>();
import { rethrowTranslated, TxScope } from './db.js';
import type { SpuDetailCache } from './catalog/spu-detail-cache.js';
import type { SqlSessionPool, StatementObserver } from './sql-session.js';
import { MikroOrmIdempotencyKeys } from './repositories/idempotency-repository.js';
import { type OutboxMarks, publishStored, writeAtCommit } from './outbox.js';
import { MikroOrmJobs } from './jobs.js';
import type { ReadCaches } from './read-caches.js';

export const logPublishError = (error: unknown): void => console.error('event publication failed:', error);

/**
 * One `run` = one PostgreSQL transaction (READ COMMITTED; guarded statements and optimistic versions
 * keep concurrent runs apart) on one session borrowed from the pool: the work's statements, BEGIN
 * before the first that writes, COMMIT, and nothing else on the wire (decisions 0011, 0030); a run
 * that only reads sends no BEGIN or COMMIT at all. Events recorded in it are inserted into the
 * outbox just before COMMIT, in the same transaction, and handed to the publisher only after COMMIT
 * succeeded; a rollback drops writes and events together. Like the memory adapter, a failed
 * publication does not fail the committed run.
 */
export interface MikroOrmUnitOfWorkDeps {
  readonly sessions: SqlSessionPool;
  /** Builds ORM statements and publishes after commit; never holds a transaction. */
  readonly em: EntityManager;
  readonly publisher: EventPublisher;
  /** Drops cached read-side details of products this process changed. */
  readonly cache?: SpuDetailCache;
  /** A publisher failure after commit: the change stands, the events wait for the next drain (default: console.error). */
  readonly onPublishError?: (error: unknown) => void;
  readonly observe?: StatementObserver;
  /** The contexts' stores (`tx.use(key)`); none by default. */
  readonly stores?: PgStores;
  /** Event ids and subscriptions (issue #13). */
  readonly routing?: EventRouting;
  /** Where published outbox rows are marked in batches (default: one statement after each commit). */
  readonly marks?: OutboxMarks;
  /** Read caches kept fresh by the database's notifications (decision 0030); none: every read goes to the database. */
  readonly caches?: ReadCaches;
}

export class MikroOrmUnitOfWork implements UnitOfWork {
  private readonly stores: PgStores;
  private readonly onPublishError: (error: unknown) => void;

  constructor(private readonly d: MikroOrmUnitOfWorkDeps) {
    this.stores = d.stores ?? new PgStores();
    this.onPublishError = d.onPublishError ?? logPublishError;
  }

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const first = await this.attempt(work, this.d.caches);
    if (first.done) return first.result;
    // A read served from a cache went stale before COMMIT (decision 0030): everything was rolled back; once more, uncached.
    const second = await this.attempt(work, undefined);
    if (!second.done) throw new Error('a run without read caches cannot have stale cached reads');
    return second.result;
  }

  private async attempt<T>(work: (tx: Transaction) => Promise<T>, caches: ReadCaches | undefined): Promise<{ done: true; result: T } | { done: false }> {
    const { sessions, em, publisher, cache, observe, routing } = this.d;
    const session = await sessions.connect();
    const scope = new TxScope(session, em, observe, routing?.ids, caches);
    let result: T;
    let ids: string[];
    let broken = false;
    try {
      result = await work(transaction(scope, this.stores));
      // The work swallowed a failed statement: PostgreSQL already aborted the transaction, and COMMIT
      // would quietly roll it back. Fail loudly instead of reporting a commit that did not happen.
      if (scope.failure !== undefined) throw scope.failure;
      const jobs = new MikroOrmJobs(scope);
      for (const job of subscriptionJobs(scope.events, routing?.table ?? NO_SUBSCRIPTIONS)) await jobs.schedule(job);
      // One write and nothing else to store or verify: it goes out alone, a transaction of its own (decision 0030).
      const verify = scope.toVerify;
      if (scope.jobs.length === 0 && scope.events.length === 0 && scope.later.length === 0 && verify.length === 0 && (await scope.sendHeldAlone())) ids = [];
      else {
        await scope.flushHeld();
        // The jobs, the events and the epochs to verify in one statement.
        const written = await writeAtCommit(scope, verify);
        ids = written.ids;
        if (!(await scope.reliedReadsAreCurrent(written.epochs))) {
          if (scope.begun) await session.query('rollback', []).catch(() => (broken = true));
          return { done: false };
        }
        // Only reads: nothing was begun, nothing to commit (decision 0030).
        if (scope.begun) await session.query('commit', []).catch(rethrowTranslated);
      }
    } catch (error) {
      if (scope.begun) await session.query('rollback', []).catch(() => (broken = true));
      throw error;
    } finally {
      session.release(broken);
    }
    if (scope.writtenSpus.size > 0) cache?.invalidate(scope.writtenSpus);
    if (scope.touched.size > 0) this.d.caches?.changed(scope.touched);
    if (ids.length > 0) await publishStored(em.fork(), publisher, scope.events, ids, this.d.marks).catch(this.onPublishError);
    return { done: true, result };
  }
}

function transaction(scope: TxScope, stores: PgStores): Transaction {
  return {
    use: stores.scoped(scope),
    jobs: new MikroOrmJobs(scope),
    idempotency: new MikroOrmIdempotencyKeys(scope),
    recordEvents: (recorded) => scope.record(recorded),
    requireFreshReads: () => {
      scope.freshReadsRequired = true;
    },
  };
}
