import type { SpuSnapshot } from '../../../../domain/catalog/spu.js';

/**
 * A bounded cache of product details for the read side (`CatalogQueries.spu`), the hottest read of a
 * shop; a hit answers the very object of the first load (so an HTTP answer is serialised once per
 * object). While the catalog's read-cache epoch is known (`generation`, decision 0030) an entry serves
 * until the catalog changes — any writer's commit, told by the database's notification; otherwise it
 * serves for `ttlMs`. Writes committed by this process invalidate their products at once either way.
 * Only the read side uses it: every use case that decides something (pricing an order, say) reads
 * through the stores.
 *
 * A read that started before an invalidation does not store its (possibly older) answer: every
 * invalidation bumps a generation, and a load stores only if the generation did not move meanwhile.
 */
export class SpuDetailCache {
  private readonly entries = new Map<string, { value: SpuSnapshot | null; expires: number; catalog: number | undefined }>();
  private generation = 0;
  hits = 0;
  misses = 0;

  constructor(
    /** 0 turns the cache off. */
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
    /** The catalog's read-cache generation, undefined while unknown (nobody listening). */
    private readonly catalogGeneration: () => number | undefined = () => undefined,
  ) {}

  async load(id: string, fetch: (id: string) => Promise<SpuSnapshot | null>): Promise<SpuSnapshot | null> {
    if (this.ttlMs <= 0) return fetch(id);
    const catalog = this.catalogGeneration();
    const entry = this.entries.get(id);
    if (entry && (catalog !== undefined ? entry.catalog === catalog : entry.expires > this.now())) {
      this.hits += 1;
      return entry.value;
    }
    this.misses += 1;
    const generation = this.generation;
    const value = await fetch(id);
    if (generation === this.generation) {
      this.entries.delete(id);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(id, { value, expires: this.now() + this.ttlMs, catalog });
    }
    return value;
  }

  invalidate(ids: Iterable<string>): void {
    this.generation += 1;
    for (const id of ids) this.entries.delete(id);
  }
}
