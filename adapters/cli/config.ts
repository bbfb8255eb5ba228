import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
  /** The configured secret; in demo mode the generated one, created on first use. */
  jwtSecret(): string;
  /** Timeouts, bounds and job settings (decision 0024): ZHONGTAI_UNPAID_TIMEOUT_MS, ZHONGTAI_DB_…, ZHONGTAI_REQUEST_TIMEOUT_MS … */
  readonly limits: ServiceLimits;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  const jobPollMs = Number(env.ZHONGTAI_JOB_POLL_MS ?? 1_000);
  if (!Number.isInteger(jobPollMs) || jobPollMs < 1) throw new Error(`ZHONGTAI_JOB_POLL_MS is not a positive whole number of milliseconds: ${env.ZHONGTAI_JOB_POLL_MS}`);
  const dataDir = resolve(env.ZHONGTAI_DATA_DIR ?? './.zhongtai/data');
  const configured = env.ZHONGTAI_JWT_SECRET;
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demo: configured === undefined,
    jobPollMs,
    jwtSecret: () => configured ?? demoSecret(dirname(dataDir)),
    limits: readLimits(env),
  };
}

/** The demo secret lives beside the data so that printed tokens keep working after a restart. */
function demoSecret(dir: string): string {
  const file = join(dir, 'demo-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
