import type { TokenSettings } from '../http/express/auth.js';
import { embeddedFolder } from '../persistence/mikro-orm/data-folder-lock.js';
import { tokenSettings } from './token-config.js';
import { readLimits, type ServiceLimits } from './limits.js';

/** Settings of the service, from the environment. */
export interface ServiceConfig {
  readonly port: number;
  readonly host: string;
  /** External PostgreSQL; when absent the embedded PGlite in `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Demo mode: no ZHONGTAI_JWT_SECRET, so `serve` uses a generated one, prints tokens and seeds demo data. */
  readonly demo: boolean;
  /** How often `serve` polls for due durable jobs, in ms (ZHONGTAI_JOB_POLL_MS, default 1000). */
  readonly jobPollMs: number;
  /** The payment channels asked for by name (ZHONGTAI_PAYMENT_CHANNELS, comma-separated); see `paymentSetup`. */
  readonly paymentChannels: readonly string[];
  /**
   * Keys and issuer of bearer tokens (ZHONGTAI_JWT_SECRET, ZHONGTAI_JWT_KEYS, ZHONGTAI_JWT_ISSUER); in
   * demo mode the generated secret inside the data folder, created on first use. Throws on a bad setting.
   */
  tokens(): TokenSettings;
  /** Timeouts, bounds and job settings (decision 0024): ZHONGTAI_UNPAID_TIMEOUT_MS, ZHONGTAI_DB_…, ZHONGTAI_REQUEST_TIMEOUT_MS … */
  readonly limits: ServiceLimits;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  const jobPollMs = Number(env.ZHONGTAI_JOB_POLL_MS ?? 1_000);
  if (!Number.isInteger(jobPollMs) || jobPollMs < 1)
    throw new Error(`ZHONGTAI_JOB_POLL_MS is not a positive whole number of milliseconds: ${env.ZHONGTAI_JOB_POLL_MS}`);
  // A folder, resolved; `memory://` (a database that keeps nothing) stays as it is: no folder, no lock.
  const given = env.ZHONGTAI_DATA_DIR || './.zhongtai/data'; // empty is unset, not the current directory
  const folder = embeddedFolder(given);
  const dataDir = folder ?? given;
  const configured = env.ZHONGTAI_JWT_SECRET;
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demo: configured === undefined,
    jobPollMs,
    paymentChannels: (env.ZHONGTAI_PAYMENT_CHANNELS ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
    tokens: () => tokenSettings(env, dataDir),
    limits: readLimits(env),
  };
}
