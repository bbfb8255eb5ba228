import { types, type PGlite, type Results } from '@electric-sql/pglite';
import { createPostgreSqlTypeParsers } from '@mikro-orm/sql';
import { DEFAULT_SESSION_LIMITS, SessionGate, type SessionLimits } from './session-gate.js';
import type { SqlResult, SqlSessionPool } from './sql-session.js';
import { PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';

/**
 * A Kysely dialect over an embedded PGlite, handed to MikroORM as `driverOptions` (MikroORM builds its
 * Kysely client from any object with `createDriver`). No socket and no extra package: PGlite is one
 * PostgreSQL session, so the "pool" below lends that session to one borrower at a time.
 */
export function pgliteDialect(pglite: PGlite, options: PgliteEnd & { readonly limits?: SessionLimits } = {}): PostgresDialect {
  return new PostgresDialect({ pool: new PglitePool(pglite, options, options.limits) });
}

/** What ending the dialect's pool does: close the PGlite (when this adapter started it), then `onEnd` (e.g. give the data folder back). */
export interface PgliteEnd {
  readonly closeOnEnd?: boolean;
  readonly onEnd?: () => Promise<void>;
}

/**
 * The unit of work's sessions on the same PGlite: they queue on the same lock as MikroORM's, so a
 * transaction of either holds the one session until it ends.
 */
export function pgliteSessionPool(pglite: PGlite, limits?: SessionLimits): SqlSessionPool {
  const pool = new PglitePool(pglite, {}, limits);
  return {
    async connect() {
      const client = await pool.connect();
      return {
        query: async <R>(text: string, values: readonly unknown[]) => (await client.query(text, values)) as unknown as SqlResult<R>,
        release: () => client.release(),
      };
    },
  };
}

/**
 * The type parsers MikroORM installs on `pg`, plus `pg`'s own defaults where PGlite's differ, so rows
 * look the same on both backends: timestamps stay strings (MikroORM converts them), int8 stays a
 * string (PGlite would give a number or a bigint), numeric stays a string (never a float).
 */
const arrayOfStrings = (oid: number) => (text: string) => types.arrayParser(text, (s) => s, oid);
const pgCompatibleParsers: Record<number, (text: string) => unknown> = {
  ...createPostgreSqlTypeParsers(arrayOfStrings(0)),
  [types.INT8]: (s: string) => s,
  1016: arrayOfStrings(1016), // int8[]
  [types.NUMERIC]: (s: string) => s,
  1231: arrayOfStrings(1231), // numeric[]
};

/**
 * One gate per PGlite instance: every pool over the same instance shares it, and its bounds (a bounded
 * queue, a bounded wait: decision 0024), set by the first pool made over the instance.
 */
const gates = new WeakMap<PGlite, SessionGate>();

class PglitePool implements PostgresPool {
  readonly options = { max: 1 };
  private readonly gate: SessionGate;

  constructor(
    private readonly pglite: PGlite,
    private readonly ending: PgliteEnd,
    limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {
    let gate = gates.get(pglite);
    if (!gate) {
      gate = new SessionGate(limits);
      gates.set(pglite, gate);
    }
    this.gate = gate;
  }

  /** Waits for the session, then lends it: a transaction keeps it until Kysely releases it. */
  async connect(): Promise<PostgresPoolClient> {
    const release = await this.gate.acquire();
    return {
      query: ((sql: string, params: readonly unknown[]) => run(this.pglite, sql, params)) as PostgresPoolClient['query'],
      release, // once: the gate ignores a second call
    };
  }

  async end(): Promise<void> {
    if (this.ending.closeOnEnd && !this.pglite.closed) await this.pglite.close();
    await this.ending.onEnd?.();
  }
}

/**
 * Runs one query like `pg` would: without parameters over the simple protocol (so migrations may send
 * several statements at once), with parameters over the extended protocol.
 */
async function run(pglite: PGlite, sql: string, params: readonly unknown[]): Promise<PostgresQueryResult<unknown>> {
  const opts = { parsers: pgCompatibleParsers };
  const result: Results | undefined = params.length === 0 ? (await pglite.exec(sql, opts)).at(-1) : await pglite.query(sql, [...params], opts);
  const rows = result?.rows ?? [];
  return {
    // PGlite reads the command from the server's command tag, which is right for `WITH … INSERT` too.
    command: (result?.command ?? firstKeyword(sql)) as PostgresQueryResult<unknown>['command'],
    rowCount: result?.rowCount ?? result?.affectedRows ?? rows.length,
    rows,
  };
}

function firstKeyword(sql: string): string {
  return /^\s*([a-z]+)/i.exec(sql)?.[1]?.toUpperCase() ?? '';
}
