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
import type { AnyContext, ContextFacades } from './module.js';
import type { OrderingModuleOptions } from './ordering.js';
import { persistenceModule, sharedModule } from './shared-module.js';
import { TOKENS } from './tokens.js';

export type { OrdersFacade, OrderQueryFacade } from './ordering.js';
export type { PaymentsFacade } from './payment.js';
export type { FulfilmentFacade } from './fulfilment.js';
export type { CartFacade } from './cart.js';
export type { PromotionFacade } from './promotion.js';
export type { MembershipFacade } from './membership.js';
export type { InventoryFacade } from './inventory.js';
export type { DispatchFacade } from './dispatch.js';
export type { CouponFacade } from './coupon.js';
export type { CheckoutFacade } from './checkout.js';

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

/** The catalog's use cases and its read side, ready to call (`zt.catalog`): derived from its manifest. */
export type CatalogFacade = Zhongtai['catalog'];

/**
 * Builds the composition root and hands back ready use cases on the chosen persistence.
 * No connection is opened here: the persistence adapter you pass owns its connection.
 */
export function createZhongtai<C extends readonly AnyContext[] = typeof CONTEXTS>(options: ZhongtaiOptions<C> = {}): ZhongtaiOf<C> {
  const contexts = options.contexts ?? (CONTEXTS as unknown as C);
  const persistence = options.persistence ?? memoryPersistence();
  const onEventError =
    options.onEventError ?? ((error: unknown, event: { type: string }) => console.error(`event handler failed for ${event.type}:`, error));
  const eventBus = new InProcessEventBus(onEventError);
  const ids = options.ids ?? new UuidV7Generator();
  const container = new Container();
  // Which subscriptions listen to which event type: filled from the modules below, read by every unit of work.
  const routes = new Map<string, string[]>();
  container.load(
    sharedModule({ clock: options.clock ?? systemClock, ids, eventBus }),
    persistenceModule(persistence, routes),
  );
  const clock = container.get(TOKENS.Clock);
  const jobRunner = new JobRunner(persistence.jobQueue, clock, {}, {
    ...options.jobs,
    onError: options.jobs?.onError ?? ((error, job) => console.error(job ? `job ${job.kind} ${job.key} failed (attempt ${job.attempts + 1}):` : 'job runner failed:', error)),
  });
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
