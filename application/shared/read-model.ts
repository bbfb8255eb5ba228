/**
 * A context's read side (its "read model"): queries over committed data that answer outside any unit of
 * work, such as the catalog's product detail and search (`CATALOG_QUERIES`). It comes with the context's
 * module, as its store does (decision 0026): the key and the read model's type live in the context's
 * `application/<ctx>/`, never exported from its `index.ts`; the context registers a factory for each
 * persistence, and the persistence builds the read model once, on first use (`persistence.readModel(key)`),
 * and keeps it for as long as it lives — not per transaction, not per request.
 */
export interface ReadModelKey<Q> {
  /** The read model's name, `<context>.<name>` (for messages). */
  readonly readModel: string;
  /** Phantom: the read model's type. */
  readonly __readModel?: Q;
}

/** The key of a context's read model (compared by identity). */
export function readModelKey<Q>(name: string): ReadModelKey<Q> {
  return Object.freeze({ readModel: name });
}

/** How a persistence adapter builds one read model, from what it hands read models (its database, its pool). */
export type ReadModelFactory<Source, Q> = (source: Source) => Q;

/**
 * The read models a persistence adapter can build, by key: each context's module registers its factory
 * for the adapter's kind of source; `built(source)` answers each read model the first time it is asked
 * for and the same instance ever after.
 */
export class ReadModelRegistry<Source> {
  private readonly factories = new Map<ReadModelKey<unknown>, ReadModelFactory<Source, unknown>>();

  register<Q>(key: ReadModelKey<Q>, factory: ReadModelFactory<Source, Q>): void {
    const known = this.factories.get(key as ReadModelKey<unknown>);
    if (known && known !== factory) throw new Error(`the read model ${key.readModel} is registered twice`);
    this.factories.set(key as ReadModelKey<unknown>, factory as ReadModelFactory<Source, unknown>);
  }

  provides(key: ReadModelKey<unknown>): boolean {
    return this.factories.has(key);
  }

  /** `persistence.readModel` for one persistence: each read model built once, lazily, from `source()`. */
  built(source: () => Source): <Q>(key: ReadModelKey<Q>) => Q {
    const built = new Map<ReadModelKey<unknown>, unknown>();
    return <Q>(key: ReadModelKey<Q>): Q => {
      const k = key as ReadModelKey<unknown>;
      if (built.has(k)) return built.get(k) as Q;
      const factory = this.factories.get(k);
      if (!factory) throw new Error(`no read model ${key.readModel} in this persistence: its module is not part of this zhongtai`);
      const model = factory(source());
      built.set(k, model);
      return model as Q;
    };
  }
}

/** Whether a key `Persistence.provides` is asked about is a read model's (otherwise it is a store's). */
export const isReadModelKey = (key: object): key is ReadModelKey<unknown> => 'readModel' in key;
