import type { SpuSnapshot } from '../../../../domain/catalog/spu.js';

/**
 * A short-lived, bounded cache of product details for the read side (`CatalogQueries.spu`), the
 * hottest read of a shop. Writes committed by this process invalidate their products at once; writes
 * of other processes show after at most `ttlMs`. Only the read side uses it: repositories, and so
 * every use case that decides something (pricing an order, say), always read the database.
 *
 * A read that started before an invalidation does not store its (possibly older) answer: every
 * invalidation bumps a generation, and a load stores only if the generation did not move meanwhile.
 */
export class SpuDetailCache {
  private readonly entries = new Map<string, { value: SpuSnapshot | null; expires: number }>();
  private generation = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async load(id: string, fetch: (id: string) => Promise<SpuSnapshot | null>): Promise<SpuSnapshot | null> {
    if (this.ttlMs <= 0) return fetch(id);
    const entry = this.entries.get(id);
    if (entry && entry.expires > this.now()) {
      this.hits += 1;
      return entry.value;
    }
    this.misses += 1;
    const generation = this.generation;
    const value = await fetch(id);
    if (generation === this.generation) {
      this.entries.delete(id);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(id, { value, expires: this.now() + this.ttlMs });
    }
    return value;
  }

  invalidate(ids: Iterable<string>): void {
    this.generation += 1;
    for (const id of ids) this.entries.delete(id);
  }
}
