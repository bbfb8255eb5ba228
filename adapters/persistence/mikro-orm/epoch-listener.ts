import type { PGlite } from '@electric-sql/pglite';
import { CACHE_CHANNEL, CACHE_DOMAINS, parseNotification, type ReadCaches } from './read-caches.js';

/** The epochs as one read tells them: one row per domain written since the table was made. */
type EpochRow = { name: string; epoch: string };
const READ_EPOCHS = 'select name, epoch::text as epoch from cache_epoch';

/**
 * Where notifications of new epochs come from: `listen` starts listening on `CACHE_CHANNEL`, then reads
 * the epochs (so that no change falls between the two), and calls `lost` if listening ends by itself.
 */
export interface EpochSource {
  listen(heard: (payload: string) => void, lost: () => void): Promise<{ readonly epochs: readonly EpochRow[]; readonly stop: () => Promise<void> }>;
}

/** What a server's `pg` Pool offers to open one more connection like its own. */
export interface ClientMakingPool {
  readonly Client: new (options: unknown) => ListeningClient;
  readonly options: unknown;
}

interface ListeningClient {
  connect(): Promise<unknown>;
  query(text: string): Promise<{ rows: unknown[] }>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error' | 'end', listener: () => void): unknown;
  removeAllListeners(): unknown;
  end(): Promise<void>;
}

/** On a server: a connection of its own, outside the pool (it is never idle for long enough to give back). */
export function serverEpochSource(pool: ClientMakingPool): EpochSource {
  return {
    async listen(heard, lost) {
      const client = new pool.Client(pool.options);
      await client.connect();
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        lost();
      };
      client.on('error', end);
      client.on('end', end);
      client.on('notification', (m) => {
        if (m.channel === CACHE_CHANNEL && m.payload) heard(m.payload);
      });
      try {
        await client.query(`listen ${CACHE_CHANNEL}`);
        const { rows } = await client.query(READ_EPOCHS);
        return {
          epochs: rows as EpochRow[],
          stop: async () => {
            ended = true;
            client.removeAllListeners();
            client.on('error', () => {}); // a late socket error after stopping is nobody's concern
            await client.end().catch(() => undefined);
          },
        };
      } catch (error) {
        ended = true;
        client.removeAllListeners();
        await client.end().catch(() => undefined);
        throw error;
      }
    },
  };
}

/** Embedded: PGlite delivers its own notifications to the callback after the committing statement. */
export function pgliteEpochSource(pglite: PGlite): EpochSource {
  return {
    async listen(heard) {
      const unlisten = await pglite.listen(CACHE_CHANNEL, heard);
      try {
        const { rows } = await pglite.query<EpochRow>(READ_EPOCHS);
        return { epochs: rows, stop: () => unlisten() };
      } catch (error) {
        await unlisten(); // not migrated this far: the next attempt listens anew
        throw error;
      }
    },
  };
}

/**
 * Keeps `caches` told of every new epoch for as long as it runs: listens, takes the epochs read then
 * (a domain without a row is at epoch 0), and on a lost connection, or one it could not make,
 * forgets everything — nothing is served from the caches — and tries again after `retryMs`. Answers the function that stops it.
 */
export async function hearEpochs(source: EpochSource, caches: ReadCaches, retryMs = 1_000): Promise<() => Promise<void>> {
  let stopped = false;
  let stopListening: (() => Promise<void>) | undefined;
  let retry: NodeJS.Timeout | undefined;
  const start = async (): Promise<void> => {
    const listening = await source.listen(
      (payload) => {
        const news = parseNotification(payload);
        if (news) caches.heard(news);
      },
      () => {
        caches.forget();
        stopListening = undefined;
        if (!stopped) again();
      },
    );
    if (stopped) return void (await listening.stop());
    stopListening = listening.stop;
    const known = new Map(listening.epochs.map((r) => [r.name, r.epoch]));
    for (const domain of CACHE_DOMAINS) caches.heard({ domain, epoch: known.get(domain) ?? '0' });
  };
  const again = () => {
    retry = setTimeout(() => {
      start().catch(() => !stopped && again());
    }, retryMs);
    retry.unref();
  };
  // Not listening yet (a database not migrated this far, a refused connection): the caches serve nothing until it works.
  await start().catch(() => again());
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    caches.forget();
    await stopListening?.();
  };
}
