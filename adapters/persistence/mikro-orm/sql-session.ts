import { asUnavailable } from './db-faults.js';

/**
 * The narrow SQL surface the unit of work runs on: one borrowed session (a `pg` pool client on a
 * server, the PGlite session when embedded) that receives statements with native `$n` parameters.
 * MikroORM keeps the mapping, the migrations and the read side; the write path needs no more than this.
 */
export interface SqlResult<R> {
  readonly rows: R[];
  readonly rowCount: number | null;
}

export interface SqlSession {
  /** `name` asks the server to keep the statement prepared on this connection (ignored by PGlite). */
  query<R>(text: string, values: readonly unknown[], name?: string): Promise<SqlResult<R>>;
  /** Returns the session to its pool; `broken` drops the connection instead of reusing it. */
  release(broken?: boolean): void;
}

/** Told every statement a unit of work sends (tests, `debug`), before it is sent. */
export type StatementObserver = (text: string, params: readonly unknown[]) => void;

export interface SqlSessionPool {
  connect(): Promise<SqlSession>;
}

/** The shape of a `pg` Pool (MikroORM's native client on a server) that the adapter relies on. */
export interface PgPoolLike {
  connect(): Promise<{
    query(config: { text: string; values: unknown[]; name?: string }): Promise<{ rows: unknown[]; rowCount: number | null }>;
    release(destroy?: boolean): void;
  }>;
}

/**
 * What a read model's prepared statements need of a `pg` Pool (the one MikroORM built, with its type
 * parsers): the catalog's `spu(id)` runs on it as a named prepared statement.
 */
export interface PreparingPool {
  query(statement: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

export function pgSessionPool(pool: PgPoolLike): SqlSessionPool {
  return {
    async connect() {
      // No session (pool closed, server down or refusing, the wait or the queue past its bound): unavailable.
      const client = await pool.connect().catch((error: unknown) => {
        throw asUnavailable(error) ?? error;
      });
      return {
        query: async <R>(text: string, values: readonly unknown[], name?: string) =>
          (await client.query(name ? { name, text, values: [...values] } : { text, values: [...values] })) as SqlResult<R>,
        release: (broken) => client.release(broken),
      };
    },
  };
}

/**
 * `?` placeholders (the style the repositories are written in) to PostgreSQL's `$1 … $n`, skipping
 * quoted literals, quoted identifiers and comments. Statements are a fixed set, so results are cached.
 */
const converted = new Map<string, { text: string; name: string | undefined }>();
/** Past this many distinct statements, new ones run unnamed (no per-connection prepared statement). */
const MAX_PREPARED = 500;

export function positional(sql: string): { text: string; name: string | undefined } {
  let hit = converted.get(sql);
  if (!hit) {
    hit = { text: toDollarParams(sql), name: converted.size < MAX_PREPARED ? `zt_${converted.size}` : undefined };
    converted.set(sql, hit);
  }
  return hit;
}

export function toDollarParams(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}
