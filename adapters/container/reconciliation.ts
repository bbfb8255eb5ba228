import * as reconciliation from '../../application/reconciliation/index.js';
import { RECONCILIATION_STORE } from '../../application/reconciliation/store.js';
import { seedReconciliationDemo } from '../demo/reconciliation.js';
import { reconciliationRoutes } from '../http/express/reconciliation/index.js';
import { memoryReconciliationStore } from '../persistence/memory/reconciliation/repositories.js';
import { baseDeps, defineContext, memoryStore, type Wiring } from './module.js';
import { TOKENS } from './tokens.js';

/** `createZhongtai({ reconciliation })`. */
export interface ReconciliationModuleOptions {
  /** Each channel's statement time zone (default WeChat Pay and Alipay Asia/Shanghai, Stripe UTC, others Asia/Shanghai). */
  readonly timeZones?: Readonly<Record<string, string>>;
  /** PAY-3 tolerance between a platform and a channel time (default 5 minutes). */
  readonly toleranceMs?: number;
  /** How long after a UTC day ends the daily job reconciles it (default 10 h). */
  readonly dailyDelayMs?: number;
}

const optionsOf = (w: Wiring): ReconciliationModuleOptions => (w.options.reconciliation ?? {}) as ReconciliationModuleOptions;

/**
 * 对账 (spec §10 PAY-3, issue #16): each channel day's statement (downloaded by the daily job, uploaded,
 * or stored) matched against the platform's ledger, discrepancies filed as cases staff resolve, accept
 * or write off, a report per run; over HTTP at /admin/reconciliation. Reaches payments through payment's
 * published services (and, on PostgreSQL, its published table `payment_ledger`).
 */
export const reconciliationContext = defineContext({
  name: 'reconciliation',
  deps: (w): reconciliation.ReconciliationDeps => {
    const o = optionsOf(w);
    return {
      ...baseDeps(w),
      channels: w.get(TOKENS.PaymentChannels),
      codes: w.get(TOKENS.VerificationCodes),
      ...(o.timeZones ? { timeZones: o.timeZones } : {}),
      ...(o.toleranceMs !== undefined ? { toleranceMs: o.toleranceMs } : {}),
      ...(o.dailyDelayMs !== undefined ? { dailyDelayMs: o.dailyDelayMs } : {}),
    };
  },
  facades: {
    reconciliation: {
      /** PAY-3 for a channel day: download, upload (`file`) or the stored statement again. */
      run: (d) => new reconciliation.ReconcileDay(d),
      resolveCase: (d) => new reconciliation.ResolveCase(d),
      listRuns: (d) => new reconciliation.ListReconciliationRuns(d),
      getRun: (d) => new reconciliation.GetReconciliationRun(d),
      searchCases: (d) => new reconciliation.SearchCases(d),
      getCase: (d) => new reconciliation.GetCase(d),
      /** The platform's records of a channel day. */
      platformRecords: (d) => new reconciliation.ListPlatformRecords(d),
      /** Starts the daily job (once: it schedules each next day itself). */
      startDaily: (d) => new reconciliation.StartDailyReconciliation(d),
      /** What the `reconciliation.daily` job runs. */
      daily: (d) => new reconciliation.RunDailyReconciliation(d),
    },
  },
  jobs: (self) => ({
    [reconciliation.RECONCILIATION_JOB.DAILY]: async (job) => {
      await self.reconciliation.daily({ day: String(job.payload.day) });
    },
  }),
  routes: reconciliationRoutes,
  demo: (zt) => seedReconciliationDemo(zt),
  persistence: {
    memory: [memoryStore(RECONCILIATION_STORE, memoryReconciliationStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/reconciliation/index.js')).reconciliationPostgres,
  },
});
