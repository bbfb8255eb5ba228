// Issue #12 finding 12, in the PostgreSQL adapter (PGlite, or the server named by DATABASE_URL): bounded
// waits for a session, a bounded queue that sheds at once, the server sessions' own timeouts, and every
// path to the database (units of work, catalog reads, the job queue, the outbox) failing with the one
// retryable UnavailableError when the database cannot serve, and recovering by itself after.
import { CATALOG_QUERIES } from '../../application/catalog/read-model.js';
import { CATALOG_STORE } from '../../application/catalog/store.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mikroOrmPersistence, type MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { translateDbError } from '../../adapters/persistence/mikro-orm/db.js';
import type { SqlSession } from '../../adapters/persistence/mikro-orm/sql-session.js';
import { isUnavailable, type UnavailableError } from '../../application/shared/unavailable.js';
import { testDatabase, type TestDatabase } from '../support/postgres.js';
import { databaseOf, serverAdmin, type ServerAdmin } from '../support/faults.js';
import { inTx, RecordingPublisher } from './contract/support.js';

const onServer = Boolean(process.env.DATABASE_URL);
const backend = onServer ? 'PostgreSQL server (DATABASE_URL)' : 'PGlite';
const ACQUIRE_MS = 300;

/** The rejection, which must be an UnavailableError. */
async function unavailable(promise: Promise<unknown>): Promise<UnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isUnavailable(error)) throw new Error(`expected an UnavailableError, got ${error === undefined ? 'success' : String(error)}`, { cause: error });
  return error;
}

const elapsed = async (promise: Promise<unknown>) => {
  const started = Date.now();
  await promise.catch(() => {});
  return Date.now() - started;
};

let db: TestDatabase;
let p: MikroOrmPersistence;
beforeAll(async () => {
  db = await testDatabase();
  p = await mikroOrmPersistence({
    ...db.options,
    poolSize: 1,
    acquireTimeoutMs: ACQUIRE_MS,
    maxWaiting: 2,
    statementTimeoutMs: 500,
    idleInTransactionTimeoutMs: 400,
  });
});
afterAll(async () => {
  await p?.close();
  await db?.drop();
});

describe(`bounded waits for a database session — ${backend} (issue #12)`, () => {
  it('with every session taken, a unit of work waits at most acquireTimeoutMs, then fails with UnavailableError overloaded', async () => {
    const held = await p.sessions.connect();
    try {
      const started = Date.now();
      const error = await unavailable(inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('nope')));
      expect(error.reason).toBe('overloaded');
      expect(Date.now() - started).toBeGreaterThanOrEqual(ACQUIRE_MS - 20);
      expect(Date.now() - started).toBeLessThan(ACQUIRE_MS + 1_500);
    } finally {
      held.release();
    }
    // Free again: the next one runs.
    expect(await inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('nope'))).toBeNull();
  });

  it('past maxWaiting requests waiting for a session, the next is refused at once (units of work and catalog reads alike); those waiting get their turn', async () => {
    const held = await p.sessions.connect();
    const waiting = [inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('a')), p.readModel(CATALOG_QUERIES).categoryTree()];
    await new Promise((resolve) => setTimeout(resolve, 20));
    const shed = inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('c'));
    const shedRead = p.readModel(CATALOG_QUERIES).brands({ page: 1, size: 10 });
    expect(await elapsed(shed)).toBeLessThan(100);
    expect((await unavailable(shed)).reason).toBe('overloaded');
    expect((await unavailable(shedRead)).reason).toBe('overloaded');
    held.release();
    expect(await Promise.all(waiting)).toEqual([null, []]);
  });

  it('checkReady resolves while the database answers', async () => {
    await expect(p.checkReady!(1_000)).resolves.toBeUndefined();
  });
});

describe.skipIf(!onServer)("the server's sessions and a server that goes away — PostgreSQL server (issue #12)", () => {
  let admin: ServerAdmin;
  beforeAll(async () => {
    admin = await serverAdmin();
  });
  afterAll(async () => {
    await admin?.allowConnections(databaseOf(String(db.options.url)), true);
    await admin?.close();
  });

  it('every session carries statement_timeout, idle_in_transaction_session_timeout and lock_timeout', async () => {
    const session: SqlSession = await p.sessions.connect();
    try {
      const show = async (name: string) => (await session.query<Record<string, string>>(`show ${name}`, [])).rows[0]![name];
      expect(await show('statement_timeout')).toBe('500ms');
      expect(await show('idle_in_transaction_session_timeout')).toBe('400ms');
      expect(await show('lock_timeout')).toBe('5s');
    } finally {
      session.release();
    }
  });

  it('readiness does not queue behind requests: with the only session of the pool taken, it still answers (its connection is its own)', async () => {
    const held = await p.sessions.connect();
    try {
      await expect(p.checkReady!(1_000)).resolves.toBeUndefined();
      // and a unit of work, queued for that session, is still refused as overloaded
      await unavailable(inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('nope')));
    } finally {
      held.release();
    }
  });

  it('migrations at start are batch work: they run without the online statement timeout (a 1 ms bound still opens a fresh database)', async () => {
    const fresh = await testDatabase();
    try {
      const strict = await mikroOrmPersistence({ ...fresh.options, poolSize: 1, statementTimeoutMs: 1 });
      try {
        const cut = await strict.orm.em
          .fork()
          .execute('select pg_sleep(0.05)')
          .catch((e: unknown) => translateDbError(e));
        expect(cut).toMatchObject({ code: 'SERVICE.UNAVAILABLE', reason: 'timeout' });
      } finally {
        await strict.close();
      }
      const check = await mikroOrmPersistence({ ...fresh.options, poolSize: 1, migrate: false, statementTimeoutMs: 0 });
      try {
        expect(await check.orm.migrator.getPending()).toEqual([]);
      } finally {
        await check.close();
      }
    } finally {
      await fresh.drop();
    }
  });

  it('a statement past statement_timeout is an UnavailableError timeout, not a 500', async () => {
    const error = await p.orm.em
      .fork()
      .execute('select pg_sleep(2)')
      .catch((e: unknown) => translateDbError(e));
    expect(isUnavailable(error)).toBe(true);
    expect((error as UnavailableError).reason).toBe('timeout');
  });

  it('RFM scoring, a batch over every member, is not cut by the statement timeout meant for online requests', async () => {
    const session = await p.sessions.connect();
    try {
      await session.query('begin', []);
      await session.query('set local statement_timeout = 0', []);
      await session.query(
        `insert into member_order_fact (order_id, member_id, paid_at, amount, refunded)
         select 'rfm-o' || i, 'rfm-m' || (i % 40000), timestamptz '2026-01-01' + (i % 300) * interval '1 day', 10 + i % 500, 0 from generate_series(1, 120000) as i`,
        [],
      );
      await session.query('commit', []);
    } finally {
      session.release();
    }
    const strict = await mikroOrmPersistence({ ...db.options, migrate: false, poolSize: 1, statementTimeoutMs: 20 });
    try {
      // An online statement past 20 ms is cut …
      const cut = await strict.orm.em
        .fork()
        .execute('select pg_sleep(0.2)')
        .catch((e: unknown) => translateDbError(e));
      expect(cut).toMatchObject({ code: 'SERVICE.UNAVAILABLE', reason: 'timeout' });
      // … the scoring of 40,000 members, which takes longer, is not.
      const run = await createZhongtai({ persistence: strict }).membership.runRfm({ asOf: new Date('2026-12-01T00:00:00Z') });
      expect(run.members).toBe(40_000);
    } finally {
      await strict.close();
    }
  });

  it('a transaction left idle past idle_in_transaction_session_timeout loses its session: UnavailableError, and the next unit of work runs', async () => {
    await unavailable(
      inTx(p, async (tx) => {
        await tx.use(CATALOG_STORE).categories.get('a');
        await new Promise((resolve) => setTimeout(resolve, 900));
        return tx.use(CATALOG_STORE).categories.get('b');
      }),
    );
    expect(await inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('c'))).toBeNull();
  });

  it('sessions terminated by the server (pg_terminate_backend): each path fails with UnavailableError or reconnects, and recovers by itself', async () => {
    const name = databaseOf(String(db.options.url));
    await inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('warm')); // a pooled connection to kill
    expect(await admin.terminateSessions(name)).toBeGreaterThan(0);
    // The pool drops the dead connection; whatever fails, fails as unavailable.
    for (let i = 0; i < 3; i++) await inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('x')).catch((e: unknown) => expect(isUnavailable(e)).toBe(true));
    expect(await inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('x'))).toBeNull();

    await admin.allowConnections(name, false);
    try {
      await unavailable(inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('x')));
      await unavailable(p.readModel(CATALOG_QUERIES).categoryTree());
      await unavailable(p.jobQueue.claimDue(new Date(), 1, 1_000));
      await unavailable(p.drainOutbox(new RecordingPublisher()));
      await unavailable(p.checkReady!(1_000));
    } finally {
      await admin.allowConnections(name, true);
    }
    expect(await inTx(p, (tx) => tx.use(CATALOG_STORE).categories.get('x'))).toBeNull();
    expect(await p.readModel(CATALOG_QUERIES).categoryTree()).toEqual([]);
    await expect(p.checkReady!(1_000)).resolves.toBeUndefined();
  });
});

// Last: it closes the file's persistence.
describe(`a closed persistence — ${backend} (issue #12)`, () => {
  it('every path to the database fails with UnavailableError: a unit of work, a catalog read, a job claim, an outbox drain, readiness', async () => {
    const mine = p;
    await mine.close();
    await unavailable(inTx(mine, (tx) => tx.use(CATALOG_STORE).categories.get('x')));
    await unavailable(mine.readModel(CATALOG_QUERIES).categoryTree());
    await unavailable(mine.jobQueue.claimDue(new Date(), 1, 1_000));
    await unavailable(mine.drainOutbox(new RecordingPublisher()));
    await unavailable(mine.checkReady!(1_000));
  });
});
