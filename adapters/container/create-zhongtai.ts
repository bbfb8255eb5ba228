import { Container } from 'inversify';
import { InProcessEventBus } from '../../application/shared/event-bus.js';
import { JobRunner, type JobHandler, type JobRunnerOptions, type JobRunResult } from '../../application/shared/job-runner.js';
import type { Persistence } from '../../application/shared/persistence.js';
import type { RiskControl } from '../../domain/risk/index.js';
import { systemClock, type Clock, type IdGenerator } from '../../domain/shared/ports.js';
import { memoryPersistence } from '../persistence/memory/index.js';
import { UuidV7Generator } from '../system/uuid-v7.js';
import type { CartModuleOptions } from './cart.js';
import type { CheckoutModuleOptions } from './checkout.js';
import { composeContexts } from './compose.js';
import { CONTEXTS } from './contexts.js';
import type { CouponModuleOptions } from './coupon.js';
import type { FulfilmentModuleOptions } from './fulfilment.js';
import type { InvoiceModuleOptions } from './invoice.js';
import type { AnyContext, ContextFacades } from './module.js';
import type { OrderingModuleOptions } from './ordering.js';
import type { ReconciliationModuleOptions } from './reconciliation.js';
import { persistenceModule, sharedModule } from './shared-module.js';
import { TOKENS } from './tokens.js';

export interface ZhongtaiOptions<C extends readonly AnyContext[] = typeof CONTEXTS> {
  /** Defaults to in-memory persistence. Use `mikroOrmPersistence()` from `zhongtai/mikro-orm` for PostgreSQL. */
  readonly persistence?: Persistence;
  /**
   * The bounded contexts, as modules (default: every context of zhongtai, `CONTEXTS`). A host adds its
   * own with `[...CONTEXTS, mine]` (and passes the same list to `mikroOrmPersistence`).
   */
  readonly contexts?: C;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Called when an event handler throws; the default writes to stderr. */
  readonly onEventError?: (error: unknown, event: { type: string }) => void;
  /** Coupons: the random source of random-amount coupons, and who counts as a new customer (default: everyone, no orders yet). */
  readonly coupons?: CouponModuleOptions;
  /** Cart: which shop sells a product and purchase limits (default: decision 0014), guest cart ids. */
  readonly cart?: CartModuleOptions;
  /** Checkout: the member's points and spending rule (default: membership's ledger and points rule). */
  readonly checkout?: CheckoutModuleOptions;
  /** Orders and payments: risk control, payment channels (default none; the fake one only by name: `fakePaymentChannel()`), verification codes, ORD-3 and PAY-2 timeouts. */
  readonly ordering?: OrderingModuleOptions;
  /** Risk control at order placement (default: a blacklist, empty); the same as `ordering.risk`. */
  readonly risk?: RiskControl;
  /** Fulfilment: days to the automatic receipt confirmation, the fulfilment stage and the warehouse and carrier interceptions (default: fakes). */
  readonly fulfilment?: FulfilmentModuleOptions;
  /** Invoices: the invoicing channel (default none; the fake one only by name: `fakeInvoicingChannel()`) and how often a late one is asked again. */
  readonly invoice?: InvoiceModuleOptions;
  /** Reconciliation (对账): each channel's statement time zone, the PAY-3 tolerance, when the daily job runs. */
  readonly reconciliation?: ReconciliationModuleOptions;
  /** Durable jobs: batch, lease, backoff, and `onError` (default: stderr) for failed runs (decision 0017). */
  readonly jobs?: JobRunnerOptions;
}

/**
 * Durable jobs (decision 0017): each context registers the handler of the kinds it schedules through
 * `tx.jobs`; the host runs what is due, once (`runDue`) or in the background (`start`, as `serve` does).
 */
export interface JobsFacade {
  /** The handler of jobs of `kind`, e.g. 'order.payment-timeout'; one per kind, idempotent (at least once). */
  register(kind: string, handler: JobHandler): void;
  /** Claims the jobs due now and runs them: completed, or retried with backoff when the handler throws. */
  runDue(): Promise<JobRunResult>;
  /** `runDue` again while it finds jobs (at most `maxRounds` times). */
  runUntilIdle(maxRounds?: number): Promise<JobRunResult>;
  /** Polls in the background (unref'd timer), every `intervalMs` (default 1000) after each run. */
  start(intervalMs?: number): void;
  /** Stops polling and waits for the run in flight; `close()` does it too. */
  stop(): Promise<void>;
}

/** What every zhongtai has beside its contexts' facades. */
export interface ZhongtaiCore {
  /** Subscribe to committed domain events: `zt.events.subscribe('catalog.spu.listed', handler)`. */
  readonly events: InProcessEventBus;
  readonly persistence: Persistence;
  /** The clock the use cases run on (adapters use it too, so a test clock governs everything). */
  readonly clock: Clock;
  /** The inversify container, for hosts that add their own modules. */
  readonly container: Container;
  /** Durable jobs: `zt.jobs.register(kind, handler)`, `runDue()`, `start(ms)` / `stop()`. */
  readonly jobs: JobsFacade;
  /** The contexts this zhongtai was composed of (their routes, demo data …). */
  readonly contexts: readonly AnyContext[];
  close(): Promise<void>;
}

/** A zhongtai of the given contexts: their facades, derived from their manifests, and the core. */
export type ZhongtaiOf<C extends readonly AnyContext[]> = ContextFacades<C> & ZhongtaiCore;

/**
 * zhongtai with every built-in context. An interface (resolved lazily), so that contexts' demo data and
 * routes can name it while its facades are derived from those same contexts' manifests.
 */
export interface Zhongtai extends ZhongtaiOf<typeof CONTEXTS> {}

// Each facade of `zt`, named: derived from the manifests, so a use case added to a manifest is in its type.
/** 商品中心: categories, brands, SPU/SKU, listing, and the read side (`zt.catalog.queries`). */
export type CatalogFacade = Zhongtai['catalog'];
/** 库存中心: the three stock layers, ledgers, consistency. */
export type InventoryFacade = Zhongtai['inventory'];
/** 调度中心: warehouses and their dispatch rules. */
export type DispatchFacade = Zhongtai['dispatch'];
/** 优惠券: templates, issuing, a member's coupons. */
export type CouponFacade = Zhongtai['coupons'];
/** 促销中心: activities with review, group buys, bargains, purchase limits, the price preview. */
export type PromotionFacade = Zhongtai['promotions'];
/** 运费模板: templates, shop settings, quotes. */
export type FreightFacade = Zhongtai['freight'];
/** 购物车: member and guest carts. */
export type CartFacade = Zhongtai['cart'];
/** 会员中心: members, growth, levels, points, addresses, RFM. */
export type MembershipFacade = Zhongtai['membership'];
/** 结算页: the checkout preview. */
export type CheckoutFacade = Zhongtai['checkout'];
/** 订单中心: placing and cancelling orders. */
export type OrdersFacade = Zhongtai['orders'];
/** 订单中心, read side: members' orders, staff search, statistics. */
export type OrderQueryFacade = Zhongtai['orderQueries'];
/** 支付中心: paying, callbacks, expiry, refunds through the channel. */
export type PaymentsFacade = Zhongtai['payments'];
/** 订单履约: shipping, receipt, redeeming, cancelling after payment. */
export type FulfilmentFacade = Zhongtai['fulfilment'];
/** 售后: requests, their review, returns, refunds. */
export type AfterSalesFacade = Zhongtai['afterSales'];
/** 发票: invoices, their issuing, red flushes, settings. */
export type InvoiceFacade = Zhongtai['invoices'];
/** 财务: the ledger (分户账) — postings from business events, channel fees, reversals, trial balance, balances, period reports. */
export type LedgerFacade = Zhongtai['ledger'];
/** 对账: reconciliation runs, discrepancy cases, the daily job. */
export type ReconciliationFacade = Zhongtai['reconciliation'];

/**
 * Builds the composition root and hands back ready use cases on the chosen persistence.
 * No connection is opened here: the persistence adapter you pass owns its connection.
 */
export function createZhongtai<C extends readonly AnyContext[] = typeof CONTEXTS>(options: ZhongtaiOptions<C> = {}): ZhongtaiOf<C> {
  const contexts = options.contexts ?? (CONTEXTS as unknown as C);
  const persistence = options.persistence ?? memoryPersistence();
  const onEventError = options.onEventError ?? ((error: unknown, event: { type: string }) => console.error(`event handler failed for ${event.type}:`, error));
  const eventBus = new InProcessEventBus(onEventError);
  const ids = options.ids ?? new UuidV7Generator();
  const container = new Container();
  // Which subscriptions listen to which event type: filled from the modules below, read by every unit of work.
  const routes = new Map<string, string[]>();
  container.load(sharedModule({ clock: options.clock ?? systemClock, ids, eventBus }), persistenceModule(persistence, routes));
  const clock = container.get(TOKENS.Clock);
  const jobRunner = new JobRunner(
    persistence.jobQueue,
    clock,
    {},
    {
      ...options.jobs,
      onError:
        options.jobs?.onError ??
        ((error, job) => console.error(job ? `job ${job.kind} ${job.key} failed (attempt ${job.attempts + 1}):` : 'job runner failed:', error)),
    },
  );
  // Every context from its manifest: its container module, stores, facades, jobs and subscriptions.
  const facades = composeContexts(contexts, { container, persistence, jobRunner, routes, options: options as Readonly<Record<string, unknown>> });
  const jobs: JobsFacade = {
    register: (kind, handler) => jobRunner.register(kind, handler),
    runDue: () => jobRunner.runDue(),
    runUntilIdle: (maxRounds) => jobRunner.runUntilIdle(maxRounds),
    start: (intervalMs) => jobRunner.start(intervalMs),
    stop: () => jobRunner.stop(),
  };
  const close = async () => {
    await jobRunner.stop();
    await persistence.close();
  };
  const core: ZhongtaiCore = { events: eventBus, persistence, clock, container, jobs, contexts, close };
  return { ...facades, ...core } as ZhongtaiOf<C>;
}
