import type { EntityManager } from '@mikro-orm/postgresql';
import { positional, type SqlResult, type SqlSession, type StatementObserver } from './sql-session.js';
import type { DomainEvent } from '../../../domain/shared/domain-event.js';
import type { IdGenerator } from '../../../domain/shared/ports.js';
import { withIds } from '../../../application/shared/subscriptions.js';
import type { JobRequest } from '../../../application/shared/jobs.js';
import { rethrowTranslated, translateDbError } from './db-errors.js';
import type { CacheDomain, ReadCaches, ReliedEpochs } from './read-caches.js';

export { refuseNul, rethrowTranslated, staleAggregate, translateDbError } from './db-errors.js';

/** A statement MikroORM's query builder produced (mapping and custom types applied by the ORM). */
export interface BuiltQuery {
  toQuery(): { sql: string; params: readonly unknown[] };
}

/**
 * A statement that only reads, holds nothing and changes nothing: a plain SELECT without a row lock, an
 * advisory lock or a sequence/notify/setting call. Anything else (INSERT, UPDATE, DELETE, WITH, SET …)
 * counts as a write.
 */
export function isPlainRead(text: string): boolean {
  return /^\s*select\b/i.test(text) && !/\bfor\s+(update|no\s+key\s+update|share|key\s+share)\b|pg_advisory|nextval|setval|pg_notify|set_config/i.test(text);
}

/**
 * The database side of one unit-of-work run: the session it borrowed and, from its first write on, its
 * open transaction. Reads before the first write run on their own (decision 0030): under READ
 * COMMITTED every statement sees what was committed when it started, inside a transaction or not, so a
 * plain read holds nothing a transaction would keep — and a run that only reads sends neither BEGIN
 * nor COMMIT. BEGIN goes out just before the first statement that writes or locks.
 * Every statement goes through here, which remembers a failure: after one, PostgreSQL has aborted the
 * transaction and a COMMIT would silently roll back, so the unit of work must not report success.
 */
export class TxScope {
  failure: unknown = undefined;
  /** Whether BEGIN was sent: the run has written (or locked) and must end with COMMIT or ROLLBACK. */
  begun = false;
  /** The write held back until the next statement or the end of the run (`write`). */
  private held: HeldWrite | undefined;
  /** Products written in this transaction: their cached details are dropped after commit. */
  readonly writtenSpus = new Set<string>();

  /** The events recorded in this transaction, with their ids: stored in the outbox before COMMIT. */
  readonly events: DomainEvent[] = [];
  /** The jobs scheduled in this transaction: inserted with the events, before COMMIT (`writeAtCommit`). */
  readonly jobs: JobRequest[] = [];
  /** Inserts whose answer nothing needs (`insertLater`): sent with the events before COMMIT, or before the next read. */
  readonly later: { readonly sql: string; readonly params: readonly unknown[] }[] = [];

  /** Cached domains this run wrote to: after COMMIT, this process's caches of them stop serving at once. */
  readonly touched = new Set<CacheDomain>();
  /** The epochs of the cached reads this run was served (read-caches.ts). */
  readonly relied: ReliedEpochs = new Map();
  /** The run's writes depend on its reads being current: its cached reads are verified before COMMIT. */
  freshReadsRequired = false;

  constructor(
    private readonly session: SqlSession,
    /** Builds (never runs) ORM statements: `builder.createQueryBuilder(Entity).insert(…)`. */
    readonly builder: EntityManager,
    private readonly observe?: StatementObserver,
    /** Gives recorded events their ids (issue #13); without it they keep what they have. */
    private readonly ids?: IdGenerator,
    /** The persistence's read caches; none: every read goes to the database. */
    private readonly caches?: ReadCaches,
  ) {}

  /**
   * Values by key through the read cache of `domain` (decision 0030) unless this run wrote to the
   * domain (the repositories that write its tables say so in `touched`): then a read must see the run's
   * own changes, so it goes to the database. `load` reads the missing keys (answering those it found).
   */
  cachedMany<V>(
    domain: CacheDomain,
    kind: string,
    keys: readonly string[],
    load: (missing: readonly string[]) => Promise<ReadonlyMap<string, V>>,
  ): Promise<Map<string, V | null>> {
    if (this.caches && !this.touched.has(domain)) return this.caches.many(domain, kind, keys, load, this.relied);
    return load(keys).then((found) => new Map(keys.map((k) => [k, found.get(k) ?? null])));
  }

  /** One value through the read cache of `domain` (see `cachedMany`); `load` answers null for none. */
  cachedOne<V>(domain: CacheDomain, kind: string, key: string, load: () => Promise<V | null>): Promise<V | null> {
    if (this.caches && !this.touched.has(domain)) return this.caches.one(domain, kind, key, load, this.relied);
    return load();
  }

  /** The read-cache domains to verify before COMMIT: those this run was served from, when it asked for fresh reads. */
  get toVerify(): CacheDomain[] {
    return this.freshReadsRequired && this.caches ? [...this.relied.keys()] : [];
  }

  /**
   * Before COMMIT, when the run asked for fresh reads: whether every cached read it was served still
   * belongs to its domain's epoch now — as `known` tells (read with the run's last write), or else read
   * now (one statement). A stale domain is told to the caches.
   */
  async reliedReadsAreCurrent(known: ReadonlyMap<string, string> | null = null): Promise<boolean> {
    const domains = this.toVerify;
    if (domains.length === 0 || !this.caches) return true;
    const now =
      known ??
      new Map(
        (
          await this.rows<{ name: CacheDomain; epoch: string }>('select name, epoch::text as epoch from cache_epoch where name = any(?::text[])', [domains])
        ).map((r) => [r.name, r.epoch]),
      );
    let current = true;
    for (const [domain, epoch] of this.relied) {
      const actual = now.get(domain) ?? '0';
      if (actual !== epoch) {
        current = false;
        this.caches.heard({ domain, epoch: actual });
      }
    }
    return current;
  }

  /** Records events in this transaction's outbox (what a store's `save` does with an aggregate's pending events). */
  record(events: readonly DomainEvent[]): void {
    this.events.push(...(this.ids ? withIds(events, this.ids) : events));
  }

  /**
   * Runs one statement written with `?` placeholders, bound as native parameters (a JS array binds as
   * a PostgreSQL array: `id = any(?::text[])`). Each distinct statement is prepared once per connection.
   */
  async rows<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const { text, name } = positional(sql);
    return (await this.send<R>(text, params, name)).rows;
  }

  /** Runs a statement built by MikroORM's query builder; returns the rows it touched. */
  async run(query: BuiltQuery): Promise<number> {
    const { sql, params } = query.toQuery();
    const { text, name } = positional(sql);
    return (await this.send(text, params.map(bindable), name)).rowCount ?? 0;
  }

  /**
   * A write whose only answer is a check of the rows it touched (an optimistic save): held back until
   * the run's next statement, which sends it first, inside the transaction — or, when nothing else is
   * written, sent alone at the end of the run, where it needs neither BEGIN nor COMMIT (`sendHeldAlone`,
   * decision 0030). A failed check fails the run as a failed statement would.
   */
  async write(query: BuiltQuery, check: (rowCount: number) => void): Promise<void> {
    const { sql, params } = query.toQuery();
    const { text, name } = positional(sql);
    const write: HeldWrite = { text, params: params.map(bindable), name, check };
    if (this.begun || this.held) {
      await this.flushHeld();
      await this.sendChecked(write, false);
    } else this.held = write;
  }

  /**
   * An insert (`… on conflict do nothing`, written with `?`) whose answer nothing needs: sent with the
   * run's events in one statement before COMMIT (`writeAtCommit`), or before the run's next read, which
   * might read its table — never after a statement that could depend on it but reads nothing.
   */
  insertLater(sql: string, params: readonly unknown[]): void {
    this.later.push({ sql, params });
  }

  /** Sends the held write, if any, inside the transaction (opening it). */
  async flushHeld(): Promise<void> {
    const held = this.held;
    if (!held) return;
    this.held = undefined;
    await this.begin();
    await this.sendChecked(held, false);
  }

  /** At the end of a run: when its one write is held and nothing was begun, sends it alone (autocommit). Answers whether it did. */
  async sendHeldAlone(): Promise<boolean> {
    const held = this.held;
    if (!held || this.begun) return false;
    this.held = undefined;
    await this.sendChecked(held, true);
    return true;
  }

  private async sendChecked(write: HeldWrite, alone: boolean): Promise<void> {
    const touched = (await this.send(write.text, write.params, write.name, alone)).rowCount ?? 0;
    try {
      write.check(touched);
    } catch (error) {
      this.failure ??= error;
      throw error;
    }
  }

  /** Opens the transaction now, if it is not open yet (the unit of work's writes before COMMIT, a lock taken on purpose). */
  async begin(): Promise<void> {
    if (this.begun) return;
    await this.session.query('begin', []).catch(rethrowTranslated);
    this.begun = true;
  }

  private async send<R>(text: string, params: readonly unknown[], name?: string, alone = false): Promise<SqlResult<R>> {
    if (this.held) await this.flushHeld();
    if (this.later.length > 0 && isPlainRead(text)) {
      for (const { sql, params: values } of this.later.splice(0)) await this.rows(sql, values);
    }
    if (!alone && !this.begun && !isPlainRead(text)) await this.begin();
    this.observe?.(text, params);
    try {
      return await this.session.query<R>(text, params, name);
    } catch (error) {
      const translated = translateDbError(error);
      this.failure ??= translated;
      throw translated;
    }
  }
}

interface HeldWrite {
  readonly text: string;
  readonly params: readonly unknown[];
  readonly name: string | undefined;
  readonly check: (rowCount: number) => void;
}

/** A value the ORM prepared for a column, as the driver must bind it: JSON documents (jsonb) as their text, never as PostgreSQL arrays. */
function bindable(v: unknown): unknown {
  return v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v;
}
