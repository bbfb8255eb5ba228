import type { TriggerDef } from '@mikro-orm/core';

/**
 * Read caches (decision 0030): in-process copies of what every checkout reads and an operator rarely
 * changes — products by SKU, the live activities, freight settings and templates, the active
 * warehouses — kept fresh by the database itself.
 *
 * Each cached domain has an epoch in `cache_epoch`: a statement-level trigger on every table of the
 * domain gives it a new value (from a sequence: never the same twice) in the writing transaction and
 * sends `NOTIFY zt_cache, '<domain>:<epoch>'`, which PostgreSQL delivers after commit, in commit order,
 * to every process listening — whoever wrote, through this adapter or not. A notification starts a new
 * generation of the domain here, and an entry serves only the generation its load began in — so a load
 * that a notification overtook never serves. While nothing listens (before the first `LISTEN`, after a
 * lost connection) nothing is served from a cache.
 *
 * Between a commit and its notification a read may still see the older entry. Reads that only show
 * something (a preview, a cart) live with those milliseconds; a transaction whose writes depend on what
 * it read (placing an order writes the prices it quoted) asks for its reads to be verified: before
 * COMMIT, the epochs its cached reads came from are read back with its last write (`writeAtCommit`) and
 * compared, and a difference rolls it back and runs it again without caches — a stale read is never
 * written.
 */
export type CacheDomain = 'catalog' | 'promotion' | 'freight' | 'dispatch';

export const CACHE_DOMAINS: readonly CacheDomain[] = ['catalog', 'promotion', 'freight', 'dispatch'];

/** The channel the triggers notify on. */
export const CACHE_CHANNEL = 'zt_cache';

/** A new epoch of one domain: what a notification, or a verification, tells. */
export interface EpochNews {
  readonly domain: CacheDomain;
  readonly epoch: string;
}

/** `<domain>:<epoch>`, as the trigger sends it; anything else is not news. */
export function parseNotification(payload: string): EpochNews | null {
  const at = payload.indexOf(':');
  const domain = payload.slice(0, at) as CacheDomain;
  return at > 0 && CACHE_DOMAINS.includes(domain) ? { domain, epoch: payload.slice(at + 1) } : null;
}

interface DomainState {
  /** The epoch the database last told (the value the verification compares). */
  readonly epoch: string;
  /** Counted here: every new epoch heard starts a new generation. */
  readonly generation: number;
}

interface Entry {
  readonly generation: number;
  readonly value: unknown;
}

/** The reads of a domain one transaction served from a cache, by the epoch they belong to. */
export type ReliedEpochs = Map<CacheDomain, string>;

export class ReadCaches {
  private readonly domains = new Map<CacheDomain, DomainState>();
  private readonly entries = new Map<string, Entry>();
  private generations = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 50_000) {}

  /** Whether anything is served: only while the epochs are known (listening). */
  get serving(): boolean {
    return this.domains.size > 0;
  }

  /** The generation `domain` is in here; undefined while not listening. */
  generationOf(domain: CacheDomain): number | undefined {
    return this.domains.get(domain)?.generation;
  }

  /** The epoch last heard for `domain`; undefined while not listening. */
  epochOf(domain: CacheDomain): string | undefined {
    return this.domains.get(domain)?.epoch;
  }

  /** The database told a domain's epoch (at the start of listening, by a notification or a verification). */
  heard(news: EpochNews): void {
    const now = this.domains.get(news.domain);
    if (now?.epoch === news.epoch) return;
    this.domains.set(news.domain, { epoch: news.epoch, generation: ++this.generations });
  }

  /**
   * This process committed a change to these domains: their entries stop serving now, before the
   * notification arrives (the epoch stays as told, so a verification still sees the change as new).
   */
  changed(domains: Iterable<CacheDomain>): void {
    for (const domain of domains) {
      const now = this.domains.get(domain);
      if (now) this.domains.set(domain, { epoch: now.epoch, generation: ++this.generations });
    }
  }

  /** Listening stopped: nothing is known, nothing is served until the epochs are read again. */
  forget(): void {
    this.domains.clear();
    this.entries.clear();
  }

  /**
   * The values of `keys` in `domain`'s cache of `kind`, loading the missing ones with one `load` (which
   * answers the keys it found, and may answer more; the keys asked for and not found are remembered as absent). `relied` learns the epoch the
   * answer belongs to. A value is kept as a frozen copy and served as it is: a caller that tried to
   * change what it was served would throw (TypeError), never change what another is served.
   */
  async many<V>(
    domain: CacheDomain,
    kind: string,
    keys: readonly string[],
    load: (missing: readonly string[]) => Promise<ReadonlyMap<string, V>>,
    relied: ReliedEpochs,
  ): Promise<Map<string, V | null>> {
    const state = this.domains.get(domain);
    if (!state) {
      const loaded = await load(keys);
      return new Map(keys.map((k) => [k, loaded.get(k) ?? null]));
    }
    relied.set(domain, state.epoch);
    const found = new Map<string, V | null>();
    const missing: string[] = [];
    for (const key of keys) {
      const entry = this.entries.get(entryKey(domain, kind, key));
      if (entry && entry.generation === state.generation) {
        this.hits += 1;
        found.set(key, entry.value as V | null);
      } else missing.push(key);
    }
    if (missing.length === 0) return found;
    this.misses += missing.length;
    const loaded = await load(missing);
    for (const key of missing) found.set(key, loaded.get(key) ?? null);
    // Kept under the generation the load began in (a notification that came in meanwhile has ended it
    // already): the keys asked for, and any others the load answered (a product's other SKUs).
    for (const [key, value] of new Map([...missing.map((k) => [k, null] as const), ...loaded])) {
      this.store(entryKey(domain, kind, key), { generation: state.generation, value: frozenCopy(value) });
    }
    return found;
  }

  /** One value (`load` answers it, null for none): `many` with one key. */
  async one<V>(domain: CacheDomain, kind: string, key: string, load: () => Promise<V | null>, relied: ReliedEpochs): Promise<V | null> {
    const found = await this.many<V>(
      domain,
      kind,
      [key],
      async () => {
        const value = await load();
        return new Map(value === null ? [] : [[key, value]]);
      },
      relied,
    );
    return found.get(key) ?? null;
  }

  private store(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }
}

const entryKey = (domain: CacheDomain, kind: string, key: string) => `${domain}\u0000${kind}\u0000${key}`;

/** A deep copy, frozen all the way down (rows: plain objects, arrays, dates). */
function frozenCopy<V>(value: V): V {
  const freeze = (v: unknown): unknown => {
    if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const inner of Object.values(v)) freeze(inner);
    }
    return v;
  };
  return freeze(structuredClone(value)) as V;
}

/**
 * The trigger that gives `domain` a new epoch on every statement writing `table` (it calls
 * `zt_cache_bump`, Migration20261207200000_read_caches): declared on the table's entity schema, so the
 * schema check knows it, and created by the context's migration from the same text.
 */
export function cacheEpochTrigger(domain: CacheDomain, table: string): TriggerDef & { readonly name: string; readonly expression: string } {
  const name = `${table}_cache_epoch`;
  return {
    name,
    timing: 'after',
    events: ['insert', 'update', 'delete', 'truncate'],
    forEach: 'statement',
    expression: `create trigger "${name}" after insert or update or delete or truncate on "${table}" for each statement execute function zt_cache_bump('${domain}')`,
  };
}

/** A context's migration: the triggers of its cached tables. */
export function cacheEpochTriggers(domain: CacheDomain, tables: readonly string[]): string[] {
  return tables.map((t) => `${cacheEpochTrigger(domain, t).expression};`);
}

export function dropCacheEpochTriggers(tables: readonly string[]): string[] {
  return tables.map((t) => `drop trigger if exists "${t}_cache_epoch" on "${t}";`);
}
