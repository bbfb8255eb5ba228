import pg from 'pg'; // MikroORM's driver, already installed

/** `--name N` from the bench's arguments, or the fallback. */
export function numberOption(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/**
 * Runs `work(url)` on a scratch database created on DATABASE_URL's server (default: the local
 * server) and dropped afterwards, whatever happens.
 */
export async function withScratchDatabase(work) {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `zt_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  try {
    return await work(url, dbName);
  } finally {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

/** The built library on the scratch database at `url` (migrated at start): `zt` for seeding, closed by the caller. */
export async function openZhongtai(url, options = {}) {
  const { createZhongtai } = await import('../../dist/index.js');
  const { mikroOrmPersistence } = await import('../../dist/adapters/persistence/mikro-orm/index.js');
  return createZhongtai({ persistence: await mikroOrmPersistence({ url: url.toString(), ...options }) });
}
