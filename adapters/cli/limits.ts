/**
 * The bounds and timers of `zhongtai serve` (decision 0024), from the environment. A variable left unset
 * keeps the library's own default (undefined here) unless the CLI has its own; a set one must be a
 * whole number within its range, or the service refuses to start naming it.
 */
export interface ServiceLimits {
  /** ORD-3: how long an order may stay unpaid before it is cancelled and its stock released. */
  readonly unpaidTimeoutMs: number | undefined;
  readonly jobs: { readonly leaseMs: number | undefined; readonly batch: number | undefined };
  readonly database: {
    readonly poolSize: number | undefined;
    readonly acquireTimeoutMs: number | undefined;
    readonly maxWaiting: number | undefined;
    readonly statementTimeoutMs: number | undefined;
    readonly idleInTransactionTimeoutMs: number | undefined;
  };
  /** A request not answered within this is answered 503 (0 = no deadline). */
  readonly requestTimeoutMs: number;
  /** On SIGTERM, SIGINT or SIGHUP: how long requests in flight may take to finish. */
  readonly shutdownTimeoutMs: number;
}

const DAY = 86_400_000;

export interface LimitVariable {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** One line of the usage text. */
  readonly usage: string;
}

const v = (name: string, min: number, max: number, usage: string): LimitVariable => ({ name, min, max, usage });

const UNPAID = v('ZHONGTAI_UNPAID_TIMEOUT_MS', 1_000, 30 * DAY, 'ORD-3: an unpaid order is cancelled after this (default 1800000, 30 min)');
const LEASE = v('ZHONGTAI_JOB_LEASE_MS', 1_000, DAY, 'how long a running durable job is leased to this process (default 60000)');
const BATCH = v('ZHONGTAI_JOB_BATCH', 1, 10_000, 'durable jobs run per poll at most, one leased at a time (default 50)');
const POOL = v('ZHONGTAI_DB_POOL_SIZE', 1, 1_000, 'connections to DATABASE_URL (default 10)');
const ACQUIRE = v('ZHONGTAI_DB_ACQUIRE_TIMEOUT_MS', 1, DAY, 'wait for a database session at most this long, then 503 (default 5000)');
const WAITING = v('ZHONGTAI_DB_MAX_WAITING', 0, 1_000_000, 'requests waiting for a session at most; past it 503 at once (default 100)');
const STATEMENT = v('ZHONGTAI_DB_STATEMENT_TIMEOUT_MS', 0, DAY, 'statement_timeout on DATABASE_URL (default 30000; 0 = none)');
const IDLE_TX = v('ZHONGTAI_DB_IDLE_TX_TIMEOUT_MS', 0, DAY, 'idle_in_transaction_session_timeout on DATABASE_URL (default 60000; 0 = none)');
const REQUEST = v('ZHONGTAI_REQUEST_TIMEOUT_MS', 0, DAY, 'a request not answered in this time gets 503 (default 30000; 0 = none)');
const SHUTDOWN = v('ZHONGTAI_SHUTDOWN_TIMEOUT_MS', 0, DAY, 'on SIGTERM/SIGINT/SIGHUP, requests in flight may finish for this long (default 10000)');

/** Every variable, in the order of the usage text. */
export const LIMIT_VARIABLES: readonly LimitVariable[] = [UNPAID, LEASE, BATCH, POOL, ACQUIRE, WAITING, STATEMENT, IDLE_TX, REQUEST, SHUTDOWN];

/** The lines the CLI usage text lists them with. */
export const LIMITS_USAGE = LIMIT_VARIABLES.map((x) => `  ${x.name.padEnd(34)} ${x.usage}`).join('\n');

export function readLimits(env: NodeJS.ProcessEnv): ServiceLimits {
  const read = (x: LimitVariable): number | undefined => {
    const raw = env[x.name];
    if (raw === undefined) return undefined;
    const n = /^\d{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(n >= x.min && n <= x.max)) throw new Error(`${x.name} must be a whole number from ${x.min} to ${x.max}, not ${JSON.stringify(raw)}`);
    return n;
  };
  return {
    unpaidTimeoutMs: read(UNPAID),
    jobs: { leaseMs: read(LEASE), batch: read(BATCH) },
    database: {
      poolSize: read(POOL),
      acquireTimeoutMs: read(ACQUIRE),
      maxWaiting: read(WAITING),
      statementTimeoutMs: read(STATEMENT),
      idleInTransactionTimeoutMs: read(IDLE_TX),
    },
    requestTimeoutMs: read(REQUEST) ?? 30_000,
    shutdownTimeoutMs: read(SHUTDOWN) ?? 10_000,
  };
}
