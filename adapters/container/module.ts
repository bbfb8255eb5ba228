import type { ServiceIdentifier } from 'inversify';
import type { JobHandler } from '../../application/shared/job-runner.js';
import type { ReadModelKey } from '../../application/shared/read-model.js';
import type { StoreKey } from '../../application/shared/store.js';
import type { Subscription } from '../../application/shared/subscriptions.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Route } from '../http/express/route.js';
import type { MemoryReadModelFactory, MemoryStoreFactory } from '../persistence/memory/memory-stores.js';
import type { PostgresContextPart } from '../persistence/mikro-orm/context-part.js';

/** What every use case of every context gets; a context's `deps` adds its own ports and settings. */
export interface BaseDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** The deps of a context whose use cases need nothing but the unit of work, the clock and ids. */
export const baseDeps = ({ uow, clock, ids }: Wiring): BaseDeps => ({ uow, clock, ids });

/** What a context's `deps` and `provides` may draw on when the container builds them. */
export interface Wiring extends BaseDeps {
  /** The options `createZhongtai` was given (each context reads its own part). */
  readonly options: Readonly<Record<string, unknown>>;
  /** A value a context provides (`provides`), by its token. */
  get<T>(token: ServiceIdentifier<T>): T;
  /** A read model of the persistence (`w.readModel(CATALOG_QUERIES)`): the one instance it built. */
  readModel<Q>(key: ReadModelKey<Q>): Q;
}

/** A use case: one command in, one transaction, one answer out. */
export interface UseCase {
  execute(...args: never[]): unknown;
}

/**
 * A facade member that is no use case but a value taken as it is from the deps: a read side answering
 * outside any unit of work (`zt.catalog.queries.spu(id)`). Made with `exposed(value)`.
 */
export interface Exposed<V> {
  readonly exposed: V;
}

export const exposed = <V>(value: V): Exposed<V> => ({ exposed: value });

/** A context's use cases of one facade, by the name they take on it (`zt.freight.quote`); a member may be an exposed value. */
export type UseCaseFactories<D> = Readonly<Record<string, (deps: D) => UseCase | Exposed<unknown>>>;

/** A facade: each use case's `execute`, bound; each exposed value as it is. */
export type FacadeOf<F> = {
  readonly [K in keyof F]: F[K] extends (deps: never) => infer U ? (U extends Exposed<infer V> ? V : U extends { execute: infer E } ? E : never) : never;
};

/** Every facade of a context by its name on `zt`. */
export type FacadesOf<F> = { readonly [K in keyof F]: FacadeOf<F[K]> };

/** A value a context makes available to other contexts' wiring (a port adapter, a policy), by token. */
export interface Provision<T = unknown> {
  readonly token: ServiceIdentifier<T>;
  readonly make: (w: Wiring) => T;
}

export const provide = <T>(token: ServiceIdentifier<T>, make: (w: Wiring) => T): Provision<T> => ({ token, make });

/** A context's memory store: the factory the memory adapter registers for the key. */
export interface MemoryStoreBinding {
  readonly key: StoreKey<unknown>;
  readonly factory: MemoryStoreFactory<unknown>;
}

/** Pairs a store key with its memory factory (checked to build that store). */
export const memoryStore = <S>(key: StoreKey<S>, factory: MemoryStoreFactory<S>): MemoryStoreBinding => ({ key, factory }) as MemoryStoreBinding;

/** A context's memory read model: the factory the memory adapter registers for the key, built once per persistence. */
export interface MemoryReadModelBinding {
  readonly readModel: ReadModelKey<unknown>;
  readonly factory: MemoryReadModelFactory<unknown>;
}

/** Pairs a read model's key with its memory factory (checked to build that read model). */
export const memoryReadModel = <Q>(key: ReadModelKey<Q>, factory: MemoryReadModelFactory<Q>): MemoryReadModelBinding =>
  ({ readModel: key, factory }) as MemoryReadModelBinding;

/**
 * A bounded context's manifest (issue #13): everything the composition root needs to wire it — its use
 * cases by facade, the dependencies they get, its stores on each persistence, its routes, the jobs and
 * subscriptions it handles, its demo data. The root reads manifests; it holds no context's code.
 */
export interface ContextManifest<
  N extends string = string,
  D = unknown,
  F extends Readonly<Record<string, UseCaseFactories<D>>> = Readonly<Record<string, UseCaseFactories<D>>>,
> {
  readonly name: N;
  /** The deps object every use case of the context is built with. */
  readonly deps: (w: Wiring) => D;
  /** The facades it adds to `zt`: facade name → use-case name → factory. */
  readonly facades: F;
  /** Values other contexts' wiring may `get`. */
  readonly provides?: readonly Provision<unknown>[];
  /**
   * Its stores and read models: memory (built in: `memoryStore`, `memoryReadModel`), and its PostgreSQL
   * part (loaded lazily by `mikroOrmPersistence`).
   */
  readonly persistence?: {
    readonly memory?: readonly (MemoryStoreBinding | MemoryReadModelBinding)[];
    readonly postgresql?: () => Promise<PostgresContextPart>;
  };
  /** Its HTTP routes (the router serves every context's). */
  readonly routes?: readonly Route[];
  /** The job kinds it owns, with their handlers (given the context's own facades). */
  readonly jobs?: (self: FacadesOf<F>) => Readonly<Record<string, JobHandler>>;
  /** Its reactions to other contexts' committed events, delivered durably (at least once, by event id). */
  readonly subscriptions?: (self: FacadesOf<F>) => readonly Subscription[];
  /**
   * Its demo data, loaded by `seedDemo` (given the whole `zt`, idempotently); contexts seed in list order.
   * Write it as a lambda, `demo: (zt) => seedXDemo(zt)`: the manifest's type then does not depend on the
   * `Zhongtai` type the demo takes, which is itself derived from the manifests.
   */
  readonly demo?: (zt: never) => Promise<unknown>;
}

/** Declares a context's manifest, with the types of its facades inferred from its use cases. */
export function defineContext<N extends string, D, F extends Readonly<Record<string, UseCaseFactories<D>>>>(
  m: ContextManifest<N, D, F>,
): ContextManifest<N, D, F> {
  return m;
}

/** Any context's manifest, whatever its deps and facades (for lists of contexts). */
// biome-ignore lint/suspicious/noExplicitAny: a list holds manifests of different deps; each is checked where it is defined
export type AnyContext = ContextManifest<string, any, any>;

/** The facades of a list of contexts, merged: what they add to `zt`. */
export type ContextFacades<L extends readonly AnyContext[]> = UnionToIntersection<FacadesOfContext<L[number]>>;

/** One context's facades (distributes over a union of contexts). */
type FacadesOfContext<M> = M extends ContextManifest<string, infer _D, infer F> ? FacadesOf<F> : never;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
