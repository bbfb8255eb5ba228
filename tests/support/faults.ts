import { MikroORM } from '@mikro-orm/postgresql';

/** A connection to the PostgreSQL server's own database (DATABASE_URL), for doing harm to a test database. */
export interface ServerAdmin {
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Ends every session of `database` but this one (`pg_terminate_backend`); answers how many. */
  terminateSessions(database: string): Promise<number>;
  /** `alter database … with allow_connections false` and its sessions terminated; `true` lets them in again. */
  allowConnections(database: string, allow: boolean): Promise<void>;
  close(): Promise<void>;
}

/** The database name of a `postgres://` URL. */
export const databaseOf = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1));

export async function serverAdmin(serverUrl = process.env.DATABASE_URL): Promise<ServerAdmin> {
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const orm = await MikroORM.init({
    clientUrl: serverUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    ensureDatabase: false,
    pool: { min: 0, max: 2 },
  });
  const sql = <R>(text: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(text, params) as Promise<R[]>;
  const terminateSessions = async (database: string) =>
    (await sql('select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()', [database])).length;
  return {
    sql,
    terminateSessions,
    async allowConnections(database, allow) {
      if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`not a test database name: ${database}`);
      await sql(`alter database ${database} with allow_connections ${allow}`);
      if (!allow) await terminateSessions(database);
    },
    close: () => orm.close(),
  };
}
