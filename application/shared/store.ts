/**
 * A context's repositories inside one transaction ("its store"): `tx.use(ORDERING_STORE)`. The key and the
 * store's type live in the context's `application/<ctx>/store.ts` and are never exported from its
 * `index.ts`, so no other context can reach its repositories (the architecture test forbids importing
 * another context's internals). Persistence adapters build a store per transaction from the factory the
 * context's module registers for the key.
 */
export interface StoreKey<S> {
  /** The context that owns the store. */
  readonly context: string;
  /** Phantom: the store's type. */
  readonly __store?: S;
}

/** The key of a context's store; one per context (compared by identity). */
export function storeKey<S>(context: string): StoreKey<S> {
  return Object.freeze({ context });
}

/** How a persistence adapter builds one context's store inside a transaction, from its own transaction scope. */
export type StoreFactory<Scope, S> = (scope: Scope) => S;

/**
 * The stores a persistence adapter can build, by key: each context's module registers its factory for
 * the adapter's kind of scope; a transaction builds a store the first time a use case asks (`tx.use`),
 * and keeps it for the rest of the transaction.
 */
export class StoreRegistry<Scope> {
  private readonly factories = new Map<StoreKey<unknown>, StoreFactory<Scope, unknown>>();

  register<S>(key: StoreKey<S>, factory: StoreFactory<Scope, S>): void {
    const known = this.factories.get(key as StoreKey<unknown>);
    if (known && known !== factory) throw new Error(`the store of context ${key.context} is registered twice`);
    this.factories.set(key as StoreKey<unknown>, factory as StoreFactory<Scope, unknown>);
  }

  provides(key: StoreKey<unknown>): boolean {
    return this.factories.has(key);
  }

  /** `tx.use` for one transaction's scope. */
  scoped(scope: Scope): <S>(key: StoreKey<S>) => S {
    const built = new Map<StoreKey<unknown>, unknown>();
    return <S>(key: StoreKey<S>): S => {
      const k = key as StoreKey<unknown>;
      if (built.has(k)) return built.get(k) as S;
      const factory = this.factories.get(k);
      if (!factory) throw new Error(`no store of context ${key.context} in this persistence: its module is not part of this zhongtai`);
      const store = factory(scope);
      built.set(k, store);
      return store as S;
    };
  }
}
