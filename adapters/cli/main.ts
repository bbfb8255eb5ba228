#!/usr/bin/env node
import type { Server } from 'node:http';
import { isUnavailable } from '../../application/shared/unavailable.js';
import { createZhongtai, type Zhongtai } from '../container/create-zhongtai.js';
import { seedDemo } from '../demo/index.js';
import { createApp, Hs256Authenticator, jsonLogger, keyId, listen, type Logger, OutageLog, signToken } from '../http/express/index.js';
import { DataFolderLockedError, migrate, mikroOrmPersistence } from '../persistence/mikro-orm/index.js';
import { readConfig, type ServiceConfig } from './config.js';
import { invoicingSetup } from './invoicing-channel.js';
import { paymentSetup } from './payment-channels.js';
import type { PaymentChannelSetting } from '../../application/payment/channels.js';
import type { InvoicingChannel } from '../../domain/invoice/index.js';
import { LIMITS_USAGE } from './limits.js';
import { RECONCILE_USAGE, reconcileCommand } from './reconcile.js';
import { GracefulShutdown } from './shutdown.js';

const USAGE = `usage: zhongtai <command>
  serve    start the HTTP service (PORT, default 3000) on DATABASE_URL or the embedded database
  migrate  apply pending database migrations
  seed     load the demo data (skipped where data exist)
  check-stock  compare stock counters with their ledgers in every layer, and the dispatch book
               with the locations (INV-4); exit 1 on anomalies
               --repair counters  append correction movements so every ledger explains its counters
               --repair ledger    set the sales counters to what the sales ledger sums to
${RECONCILE_USAGE}

exit status 75: the embedded data folder is in use by another process (it is named; nothing was done)

environment: PORT, HOST, DATABASE_URL, ZHONGTAI_DATA_DIR (default ./.zhongtai/data), ZHONGTAI_JWT_SECRET,
             ZHONGTAI_JOB_POLL_MS (how often serve runs due durable jobs, default 1000),
             ZHONGTAI_PAYMENT_CHANNELS (comma-separated channel names; demo mode takes the fake channel)
             ZHONGTAI_JWT_SECRET signs tokens (32+ characters); ZHONGTAI_JWT_KEYS lists older keys that still
             verify ("kid:secret" or bare secrets, comma-separated); ZHONGTAI_JWT_ISSUER (default zhongtai)
  and for serve (whole numbers, checked at start; the database bounds apply to serve only):
${LIMITS_USAGE}`;

/** Told errors of work outside requests (jobs, timers, event publication); serve logs them (decision 0024). */
type Report = (what: string) => (error: unknown, job?: { kind: string; key: string; attempts: number }) => void;

/**
 * The library on the configured database, with the payment channels asked for (decision 0019). `serve`
 * passes `report`: its sessions get the online bounds (statement and idle-in-transaction timeouts …); the
 * other commands are batch work and run without them.
 */
async function open(
  config: ServiceConfig,
  migrateAtStart = true,
  extra: { report?: Report; channels?: readonly PaymentChannelSetting[]; invoicing?: InvoicingChannel | undefined } = {},
): Promise<Zhongtai> {
  const where = config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir };
  const { limits } = config;
  const { report, channels = [], invoicing } = extra;
  const bounds = report ? { ...limits.database, onPublishError: report('event publication failed') } : { statementTimeoutMs: 0, idleInTransactionTimeoutMs: 0 };
  const persistence = await mikroOrmPersistence({ ...where, migrate: migrateAtStart, ...bounds });
  return createZhongtai({
    persistence,
    ordering: { channels, unpaidTimeoutMs: limits.unpaidTimeoutMs },
    ...(invoicing ? { invoice: { channel: invoicing } } : {}),
    jobs: { ...limits.jobs, ...(report ? { onError: report('job failed') } : {}) },
  });
}

/** Unavailability goes to the outage's burst (two lines per outage); anything else gets a line of its own. */
const reporter =
  (logger: Logger, outages: OutageLog): Report =>
  (what) =>
  (error, job) => {
    if (isUnavailable(error)) return outages.failed(error);
    const about = job ? { kind: job.kind, key: job.key, attempt: job.attempts + 1 } : {};
    logger.error(what, { ...about, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  };

async function serve(config: ServiceConfig): Promise<void> {
  const tokens = config.tokens(); // a bad key setting refuses to start before the database opens
  const payments = paymentSetup(config); // refuses channels it cannot take before anything opens
  const logger = jsonLogger();
  const outages = new OutageLog(logger);
  const report = reporter(logger, outages);
  const invoicing = invoicingSetup(config);
  const zt = await open(config, true, { report, channels: payments.channels, invoicing: invoicing.channel });
  if (config.demo) {
    const seeded = await seedDemo(zt);
    if (seeded.catalog) logger.info('demo data loaded');
  }
  await zt.persistence.drainOutbox(zt.events);
  // PAY-3: the daily reconciliation of every channel that downloads its statement (once per day, however many processes start it).
  await zt.reconciliation.startDaily();
  // Scheduled listings, expired group buys and the outbox relay: small periodic jobs of this process.
  let periodic: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    periodic = zt.catalog
      .applyDueListingSchedules()
      .then(() => zt.promotions.closeExpiredGroups())
      .then(() => zt.persistence.drainOutbox(zt.events))
      .catch(report('periodic job failed'));
  }, 5_000);
  // Durable jobs (timers, acknowledged notifications; decision 0017): their own poller, stopped by zt.close().
  zt.jobs.start(config.jobPollMs);
  let shutdown: GracefulShutdown | undefined;
  const { requestTimeoutMs, shutdownTimeoutMs } = config.limits;
  const isShuttingDown = () => shutdown?.shuttingDown ?? false;
  const app = createApp({
    zhongtai: zt,
    authenticator: new Hs256Authenticator(tokens),
    logger,
    fakePaymentPage: payments.fakePaymentPage,
    outages,
    requestTimeoutMs,
    isShuttingDown,
  });
  const server: Server = await listen(app, config.port, config.host);
  // SIGTERM, SIGINT, SIGHUP: stop accepting, drain, stop the jobs and the timer, close the pool (decision 0024).
  // Constructed at once: it tracks every connection from the first.
  shutdown = new GracefulShutdown({
    server,
    drainMs: shutdownTimeoutMs,
    stopWork: async () => {
      clearInterval(timer);
      await Promise.all([periodic, zt.jobs.stop()]);
    },
    close: async () => {
      await zt.close();
      outages.flush();
    },
    logger,
    exit: (code) => process.exit(code),
  });
  // Receiving a request is bounded too (Node's own timers; its defaults are 300 s and 60 s).
  if (requestTimeoutMs > 0) server.requestTimeout = requestTimeoutMs;
  if (requestTimeoutMs > 0) server.headersTimeout = Math.min(server.headersTimeout, requestTimeoutMs);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`;
  process.stdout.write(`zhongtai listening on ${url} — ${where}\n`);
  process.stdout.write(`  health: ${url}/health   API: ${url}/openapi.json   products: ${url}/catalog/spus\n`);
  process.stdout.write(`  ${payments.notice}\n  ${invoicing.notice}\n`);
  const signing = tokens.keys[0]!;
  const older = tokens.keys.length > 1 ? `; ${tokens.keys.length - 1} older key(s) still verify` : '';
  process.stdout.write(`  tokens: issuer ${tokens.issuer}, signed with key id ${typeof signing === 'string' ? keyId(signing) : signing.kid}${older}\n`);
  if (config.demo) {
    const staff = signToken({ subject: 'demo-staff', kind: 'staff', roles: ['admin'] }, tokens, 30 * 86_400);
    const member = signToken({ subject: 'demo-member', kind: 'member', roles: [] }, tokens, 30 * 86_400);
    process.stdout.write(`demo mode (no ZHONGTAI_JWT_SECRET set) — tokens valid for 30 days; paste into a shell:\n`);
    process.stdout.write(`  export STAFF=${staff}\n  export MEMBER=${member}\n`);
    process.stdout.write(`  curl -H "Authorization: Bearer $STAFF" '${url}/admin/catalog/spus?status=draft'\n`);
  }
  shutdown.listen();
}

async function main(argv: readonly string[]): Promise<void> {
  const [command] = argv;
  const config = readConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const zt = await open(config, false);
      const applied = await migrate(zt.persistence);
      process.stdout.write(`migrations applied: ${applied.length === 0 ? 'none pending' : applied.join(', ')}\n`);
      return zt.close();
    }
    case 'seed': {
      const zt = await open(config, true, { channels: paymentSetup(config).channels, invoicing: invoicingSetup(config).channel });
      const seeded = await seedDemo(zt);
      process.stdout.write(seeded.catalog ? 'demo data loaded\n' : 'demo data already present\n');
      return zt.close();
    }
    case 'check-stock': {
      const args = argv.slice(1);
      const trust = args[args.indexOf('--repair') + 1];
      if (args.includes('--repair') && trust !== 'counters' && trust !== 'ledger') {
        process.stderr.write('check-stock --repair takes "counters" or "ledger"\n');
        process.exitCode = 2;
        return;
      }
      const zt = await open(config);
      try {
        if (trust === 'counters') {
          const { anomalies, unrepaired } = await zt.inventory.repairLayeredStockConsistency();
          for (const a of anomalies) process.stdout.write(`${JSON.stringify(a)}\n`);
          process.stdout.write(
            `${anomalies.length - unrepaired.length} anomalies repaired, trusting the counters; ${unrepaired.length} across layers left for a stock-take\n`,
          );
          process.exitCode = unrepaired.length === 0 ? 0 : 1;
          return;
        }
        if (trust === 'ledger') {
          const { anomalies } = await zt.inventory.repairStockConsistency({ trust });
          for (const a of anomalies) process.stdout.write(`${JSON.stringify(a)}\n`);
          process.stdout.write(`${anomalies.length} sales-layer anomalies repaired, trusting the ledger\n`);
          return;
        }
        const anomalies = await zt.inventory.checkLayeredStockConsistency();
        for (const a of anomalies) process.stdout.write(`${JSON.stringify(a)}\n`);
        process.stdout.write(anomalies.length === 0 ? 'stock consistent: counters equal the ledger\n' : `${anomalies.length} anomalies\n`);
        process.exitCode = anomalies.length === 0 ? 0 : 1;
      } finally {
        await zt.close();
      }
      return;
    }
    case 'reconcile': {
      const zt = await open(config, true, { channels: paymentSetup(config).channels });
      try {
        process.exitCode = await reconcileCommand(zt, argv.slice(1));
      } finally {
        await zt.close();
      }
      return;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

/**
 * What each command does instead when a server holds the embedded data folder (decision 0025): the
 * server itself migrates and seeds at start, and the stock check is one of its routes.
 */
const BESIDE_A_SERVER: Record<string, string> = {
  serve: 'One server per data folder: use the running one, give this one its own ZHONGTAI_DATA_DIR, or run both on DATABASE_URL.',
  'check-stock':
    'Beside a running server, ask it: GET /admin/inventory/layers/consistency (repairs: POST /admin/inventory/consistency/repair), with a staff token.',
  seed: 'A server in demo mode loads the demo data itself when it starts; to seed this folder, stop the server first.',
  migrate: 'A server applies pending migrations itself when it starts; to migrate, restart it.',
};

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof DataFolderLockedError) {
    const command = process.argv[2] ?? '';
    process.stderr.write(`zhongtai ${command}: ${error.message}\n${BESIDE_A_SERVER[command] ?? ''}\n`);
    process.exit(75); // EX_TEMPFAIL: try again once the folder is free
  }
  process.stderr.write(`zhongtai: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
