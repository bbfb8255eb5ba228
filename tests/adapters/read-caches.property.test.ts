import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotification, ReadCaches, type ReliedEpochs } from '../../adapters/persistence/mikro-orm/read-caches.js';

// The read caches of decision 0030 against a model of the database: values that change, each change
// with a notification delivered later (in commit order), and loads that may be overtaken by them.

/** A database of a few keys in one domain, whose notifications wait until delivered. */
class World {
  readonly values = new Map<string, number>();
  epoch = 0;
  readonly undelivered: number[] = [];
  readonly caches = new ReadCaches();
  loads = 0;

  constructor() {
    this.caches.heard({ domain: 'catalog', epoch: '0' });
  }

  write(key: string, value: number): void {
    this.values.set(key, value);
    this.epoch += 1;
    this.undelivered.push(this.epoch);
  }

  deliver(): void {
    const epoch = this.undelivered.shift();
    if (epoch !== undefined) this.caches.heard({ domain: 'catalog', epoch: String(epoch) });
  }

  /** A read whose load answers what the database holds when the load runs — at once, or when `release` is called. */
  read(key: string, relied: ReliedEpochs = new Map(), held?: Promise<void>): Promise<number | null> {
    return this.caches.one(
      'catalog',
      'value',
      key,
      async () => {
        this.loads += 1;
        const value = this.values.get(key) ?? null;
        await held;
        return value;
      },
      relied,
    );
  }
}

const keys = fc.constantFrom('a', 'b', 'c');
const step = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), key: keys, value: fc.integer({ min: 0, max: 99 }) }),
  fc.record({ kind: fc.constant('deliver' as const) }),
  fc.record({ kind: fc.constant('read' as const), key: keys }),
  // A read that loads now but stores its answer only at a later `finish`, after whatever came between.
  fc.record({ kind: fc.constant('start' as const), key: keys }),
  fc.record({ kind: fc.constant('finish' as const) }),
);

describe('read caches against a database whose notifications arrive late (decision 0030)', () => {
  it('whenever every notification is delivered and no load is in flight, every read answers what the database holds — however loads and notifications interleaved', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        const world = new World();
        const inFlight: { release: () => void; done: Promise<unknown> }[] = [];
        const finish = async () => {
          const r = inFlight.shift();
          r?.release();
          await r?.done;
        };
        const holdsEverything = async () => {
          for (const key of ['a', 'b', 'c']) expect(await world.read(key)).toBe(world.values.get(key) ?? null);
        };
        for (const s of steps) {
          if (s.kind === 'write') world.write(s.key, s.value);
          else if (s.kind === 'deliver') world.deliver();
          else if (s.kind === 'read') await world.read(s.key);
          else if (s.kind === 'start') {
            let release = () => {};
            const held = new Promise<void>((r) => (release = r));
            inFlight.push({ release, done: world.read(s.key, new Map(), held) });
          } else await finish();
          if (world.undelivered.length === 0 && inFlight.length === 0) await holdsEverything();
        }
        while (inFlight.length > 0) await finish();
        while (world.undelivered.length > 0) world.deliver();
        await holdsEverything();
      }),
      { numRuns: 300 },
    );
  });

  it('a second read of the same generation is served without loading, frozen (changing it throws; the loader’s own answer stays the caller’s); a notification ends the generation', async () => {
    const caches = new ReadCaches();
    caches.heard({ domain: 'freight', epoch: '7' });
    let loads = 0;
    const load = async () => {
      loads += 1;
      return { fee: '10.00', tiers: [1, 2] };
    };
    const relied: ReliedEpochs = new Map();
    const first = (await caches.one('freight', 'settings', 'shop-1', load, relied))!;
    first.tiers.push(3);
    const hit = (await caches.one('freight', 'settings', 'shop-1', load, relied))!;
    expect(hit).toEqual({ fee: '10.00', tiers: [1, 2] });
    expect(() => hit.tiers.push(4)).toThrow(TypeError);
    expect(loads).toBe(1);
    expect(relied).toEqual(new Map([['freight', '7']]));
    caches.heard({ domain: 'freight', epoch: '9' });
    await caches.one('freight', 'settings', 'shop-1', load, relied);
    expect(loads).toBe(2);
    expect(relied.get('freight')).toBe('9');
  });

  it('serves nothing while not listening (before the epochs are known, after forget); a change this process committed ends the generation at once, keeping the epoch for verification', async () => {
    const caches = new ReadCaches();
    let loads = 0;
    const load = async () => ++loads;
    const relied: ReliedEpochs = new Map();
    await caches.one('dispatch', 'active', '', load, relied);
    await caches.one('dispatch', 'active', '', load, relied);
    expect(loads).toBe(2);
    expect(relied.size).toBe(0); // nothing was served from a cache: nothing to verify

    caches.heard({ domain: 'dispatch', epoch: '3' });
    await caches.one('dispatch', 'active', '', load, relied);
    await caches.one('dispatch', 'active', '', load, relied);
    expect(loads).toBe(3);
    caches.changed(['dispatch']);
    expect(await caches.one('dispatch', 'active', '', load, relied)).toBe(4);
    expect(relied.get('dispatch')).toBe('3');

    caches.forget();
    expect(caches.serving).toBe(false);
    await caches.one('dispatch', 'active', '', load, relied);
    expect(loads).toBe(5);
  });

  it('many: loads only the missing keys in one call, remembers keys found absent', async () => {
    const caches = new ReadCaches();
    caches.heard({ domain: 'catalog', epoch: '1' });
    const asked: string[][] = [];
    const load = async (missing: readonly string[]) => {
      asked.push([...missing]);
      return new Map(missing.filter((k) => k !== 'gone').map((k) => [k, `spu-of-${k}`]));
    };
    const relied: ReliedEpochs = new Map();
    expect(await caches.many('catalog', 'spu', ['k1', 'gone'], load, relied)).toEqual(
      new Map([
        ['k1', 'spu-of-k1'],
        ['gone', null],
      ]),
    );
    expect(await caches.many('catalog', 'spu', ['k1', 'k2', 'gone'], load, relied)).toEqual(
      new Map([
        ['k1', 'spu-of-k1'],
        ['k2', 'spu-of-k2'],
        ['gone', null],
      ]),
    );
    expect(asked).toEqual([['k1', 'gone'], ['k2']]);
  });

  it('reads a notification as <domain>:<epoch>, and nothing else', () => {
    expect(parseNotification('catalog:42')).toEqual({ domain: 'catalog', epoch: '42' });
    expect(parseNotification('freight:1')).toEqual({ domain: 'freight', epoch: '1' });
    expect(parseNotification('orders:1')).toBeNull();
    expect(parseNotification('catalog')).toBeNull();
    expect(parseNotification(':1')).toBeNull();
  });
});
