import { UnavailableError, withinDeadline } from '../../../application/shared/unavailable.js';
import { rethrowTranslated } from './db.js';
import type { ClientMakingPool } from './epoch-listener.js';
import type { SqlSessionPool } from './sql-session.js';

/** Readiness (decision 0024): the database answers `select 1` within `timeoutMs`, or an UnavailableError. */
export interface ReadinessProbe {
  check(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

const tooSlow = (ms: number) => new UnavailableError('timeout', `the database did not answer within ${ms} ms`);

/**
 * On a server: one connection of its own, outside the pool, kept between probes. A pool busy with
 * requests is not a database that does not answer: a probe queued behind them would read as unready
 * exactly when the service is loaded (and a balancer would take it out then). A connection that failed
 * or did not answer in time is ended, and the next probe connects anew.
 */
export function serverReadiness(pool: ClientMakingPool): ReadinessProbe {
  type Client = InstanceType<ClientMakingPool['Client']>;
  let current: Promise<Client> | undefined;
  let closed = false;
  const drop = (which: Promise<Client>) => {
    if (current !== which) return;
    current = undefined;
    void which.then((c) => c.end()).catch(() => undefined);
  };
  const connected = (): Promise<Client> => {
    if (current) return current;
    const client = new pool.Client(pool.options);
    const made: Promise<Client> = client.connect().then(() => client);
    client.on('error', () => drop(made)); // a terminated session: the next probe connects anew
    made.catch(() => drop(made));
    current = made;
    return made;
  };
  return {
    async check(timeoutMs) {
      if (closed) throw new UnavailableError('shutting_down', 'the database connection is closed');
      const using = connected();
      const probe = using.then((c) => c.query('select 1')).catch(rethrowTranslated);
      probe.catch(() => drop(using));
      await withinDeadline(probe, timeoutMs, () => {
        drop(using); // a stalled server: the next probe tries a fresh connection
        return tooSlow(timeoutMs);
      });
    },
    async close() {
      closed = true;
      const last = current;
      current = undefined;
      await last?.then((c) => c.end()).catch(() => undefined);
    },
  };
}

/** Embedded: a session of the pool (PGlite's one) and `select 1`. A probe given up on still returns its session when it ends. */
export function sessionReadiness(sessions: SqlSessionPool): ReadinessProbe {
  return {
    async check(timeoutMs) {
      const probe = (async () => {
        const session = await sessions.connect();
        let broken = false;
        try {
          await session.query('select 1', []);
        } catch (error) {
          broken = true;
          rethrowTranslated(error);
        } finally {
          session.release(broken);
        }
      })();
      probe.catch(() => {}); // given up on: its failure is nobody's to hear
      await withinDeadline(probe, timeoutMs, () => tooSlow(timeoutMs));
    },
    close: async () => {},
  };
}
