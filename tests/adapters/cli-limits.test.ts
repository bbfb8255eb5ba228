// Issue #12 finding 12: `zhongtai serve` takes the unpaid timeout (ORD-3), the job settings and the bounds
// of decision 0024 from the environment, validated at start and listed in the usage text.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../adapters/cli/config.js';
import { LIMIT_VARIABLES, readLimits } from '../../adapters/cli/limits.js';

const base = { ZHONGTAI_JWT_SECRET: 'a-secret-of-at-least-32-characters-long' };

describe('service limits from the environment (issue #12)', () => {
  it("unset: the library's own defaults (undefined), a 10 s shutdown deadline, 30 s request deadline", () => {
    expect(readLimits({})).toEqual({
      unpaidTimeoutMs: undefined,
      jobs: { leaseMs: undefined, batch: undefined },
      database: {
        poolSize: undefined,
        acquireTimeoutMs: undefined,
        maxWaiting: undefined,
        statementTimeoutMs: undefined,
        idleInTransactionTimeoutMs: undefined,
      },
      requestTimeoutMs: 30_000,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('each variable sets its limit', () => {
    const limits = readLimits({
      ZHONGTAI_UNPAID_TIMEOUT_MS: '120000',
      ZHONGTAI_JOB_LEASE_MS: '30000',
      ZHONGTAI_JOB_BATCH: '10',
      ZHONGTAI_DB_POOL_SIZE: '20',
      ZHONGTAI_DB_ACQUIRE_TIMEOUT_MS: '2000',
      ZHONGTAI_DB_MAX_WAITING: '0',
      ZHONGTAI_DB_STATEMENT_TIMEOUT_MS: '0',
      ZHONGTAI_DB_IDLE_TX_TIMEOUT_MS: '15000',
      ZHONGTAI_REQUEST_TIMEOUT_MS: '5000',
      ZHONGTAI_SHUTDOWN_TIMEOUT_MS: '2500',
    });
    expect(limits).toEqual({
      unpaidTimeoutMs: 120_000,
      jobs: { leaseMs: 30_000, batch: 10 },
      database: { poolSize: 20, acquireTimeoutMs: 2_000, maxWaiting: 0, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 15_000 },
      requestTimeoutMs: 5_000,
      shutdownTimeoutMs: 2_500,
    });
    // readConfig carries them.
    expect(readConfig({ ...base, ZHONGTAI_UNPAID_TIMEOUT_MS: '120000' }).limits.unpaidTimeoutMs).toBe(120_000);
  });

  it("property: anything but a whole number in the variable's range is refused at start, naming the variable", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LIMIT_VARIABLES),
        fc.oneof(fc.constantFrom('', ' ', 'soon', '1.5', '-1', '1e3', '0x10', '10ms', 'Infinity', 'NaN', '99999999999999999999'), fc.string()),
        (variable, value) => {
          const { min, max } = variable;
          const accepted = /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;
          const attempt = () => readLimits({ [variable.name]: value });
          if (accepted) expect(attempt).not.toThrow();
          else expect(attempt).toThrow(variable.name);
        },
      ),
    );
  });

  it('the lower bounds: an unpaid timeout of at least a second, a lease of at least a second, a batch and a pool of at least one', () => {
    expect(() => readLimits({ ZHONGTAI_UNPAID_TIMEOUT_MS: '999' })).toThrow('ZHONGTAI_UNPAID_TIMEOUT_MS');
    expect(() => readLimits({ ZHONGTAI_JOB_LEASE_MS: '999' })).toThrow('ZHONGTAI_JOB_LEASE_MS');
    expect(() => readLimits({ ZHONGTAI_JOB_BATCH: '0' })).toThrow('ZHONGTAI_JOB_BATCH');
    expect(() => readLimits({ ZHONGTAI_DB_POOL_SIZE: '0' })).toThrow('ZHONGTAI_DB_POOL_SIZE');
    expect(() => readLimits({ ZHONGTAI_DB_ACQUIRE_TIMEOUT_MS: '0' })).toThrow('ZHONGTAI_DB_ACQUIRE_TIMEOUT_MS');
  });

  it('the CLI usage text lists every variable', () => {
    const main = fileURLToPath(new URL('../../adapters/cli/main.ts', import.meta.url));
    const hooks = fileURLToPath(new URL('../crash/ts-hooks.mjs', import.meta.url));
    const usage = spawnSync(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', hooks, main, 'help'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    for (const { name } of LIMIT_VARIABLES) expect(usage.stderr).toContain(name);
    expect(usage.stderr).toContain('ZHONGTAI_JOB_POLL_MS');
  });

  it('serve refuses to start on a bad value, with a message naming the variable', () => {
    const main = fileURLToPath(new URL('../../adapters/cli/main.ts', import.meta.url));
    const hooks = fileURLToPath(new URL('../crash/ts-hooks.mjs', import.meta.url));
    const run = spawnSync(process.execPath, ['--experimental-transform-types', '--no-warnings', '--import', hooks, main, 'serve'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, ...base, ZHONGTAI_UNPAID_TIMEOUT_MS: 'half an hour', ZHONGTAI_DATA_DIR: 'memory://' },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ZHONGTAI_UNPAID_TIMEOUT_MS');
  });
});
