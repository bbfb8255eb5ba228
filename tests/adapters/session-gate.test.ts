// Issue #12 finding 12: PGlite's one session is lent through a gate with the same bounds as the server's
// pool (decision 0024) — one holder at a time, in arrival order, a bounded queue that sheds at once and a
// bounded wait — and the `pg` pool's queue is bounded the same way.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boundPoolQueue, SessionGate } from '../../adapters/persistence/mikro-orm/session-gate.js';
import { isUnavailable } from '../../application/shared/unavailable.js';

type Outcome = { state: 'waiting' } | { state: 'held'; release: () => void } | { state: 'shed' } | { state: 'timed-out' } | { state: 'released' };

type Action = { readonly do: 'acquire' } | { readonly do: 'release'; readonly pick: number } | { readonly do: 'advance'; readonly ms: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ do: 'acquire' as const }),
  fc.record({ do: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ do: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 150 }) }),
);

describe("SessionGate (PGlite's one session)", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('property: one holder at a time, granted in arrival order, never free while someone waits; past maxWaiting a borrower is shed at once; none waits longer than acquireTimeoutMs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.array(action, { maxLength: 40 }), async (maxWaiting, actions) => {
        const ACQUIRE_MS = 100;
        const gate = new SessionGate({ acquireTimeoutMs: ACQUIRE_MS, maxWaiting });
        const outcomes: Outcome[] = [];
        const askedAt: number[] = [];
        const grantedOrder: number[] = [];
        let now = 0;
        const settle = () => vi.advanceTimersByTimeAsync(0);

        for (const a of actions) {
          if (a.do === 'acquire') {
            const i = outcomes.length;
            const holders = outcomes.filter((o) => o.state === 'held').length;
            const waiting = outcomes.filter((o) => o.state === 'waiting').length;
            outcomes.push({ state: 'waiting' });
            askedAt.push(now);
            gate.acquire().then(
              (release) => {
                // A waiter that gave up never holds the session later.
                expect(outcomes[i]!.state).toBe('waiting');
                outcomes[i] = { state: 'held', release };
                grantedOrder.push(i);
              },
              (error: unknown) => {
                expect(isUnavailable(error)).toBe(true);
                outcomes[i] = { state: now - askedAt[i]! >= ACQUIRE_MS ? 'timed-out' : 'shed' };
              },
            );
            await settle();
            // Shed at once exactly when the session is taken and maxWaiting already wait.
            expect(outcomes[i]!.state === 'shed').toBe(holders + waiting > maxWaiting);
          } else if (a.do === 'release') {
            const held = outcomes.findIndex((o) => o.state === 'held');
            if (held >= 0) {
              (outcomes[held] as { release: () => void }).release();
              outcomes[held] = { state: 'released' };
            }
            await settle();
          } else {
            now += a.ms;
            await vi.advanceTimersByTimeAsync(a.ms);
          }
          await settle();
          expect(outcomes.filter((o) => o.state === 'held').length).toBeLessThanOrEqual(1);
          // Work-conserving: nobody waits while the session is free (a borrower that gave up hands it on).
          if (outcomes.some((o) => o.state === 'waiting')) expect(outcomes.some((o) => o.state === 'held')).toBe(true);
          outcomes.forEach((o, i) => {
            if (o.state === 'waiting') expect(now - askedAt[i]!).toBeLessThan(ACQUIRE_MS);
          });
        }
        // Arrival order: those granted were granted in the order they asked.
        expect(grantedOrder).toEqual([...grantedOrder].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });
});

describe('boundPoolQueue (the `pg` pool)', () => {
  const fakePool = (waitingCount: number) => {
    const calls: unknown[] = [];
    const pool = {
      waitingCount,
      connect(callback?: (...args: unknown[]) => void): unknown {
        calls.push(callback);
        if (callback) return void callback(undefined, 'client', () => {});
        return Promise.resolve('client');
      },
    };
    return { pool, calls };
  };

  it('below maxWaiting, connect goes to the pool, as a promise or with a callback (pool.query uses the callback)', async () => {
    const { pool, calls } = fakePool(1);
    boundPoolQueue(pool, 2);
    expect(await pool.connect()).toBe('client');
    const got = await new Promise((resolve) => pool.connect((_e, client) => resolve(client)));
    expect(got).toBe('client');
    expect(calls).toHaveLength(2);
  });

  it('at maxWaiting, connect fails at once with UnavailableError overloaded and never reaches the pool', async () => {
    const { pool, calls } = fakePool(2);
    boundPoolQueue(pool, 2);
    const rejected = await (pool.connect() as Promise<unknown>).catch((e: unknown) => e);
    expect(isUnavailable(rejected) && rejected.reason).toBe('overloaded');
    const viaCallback = await new Promise((resolve) => pool.connect((e) => resolve(e)));
    expect(isUnavailable(viaCallback)).toBe(true);
    expect(calls).toEqual([]);
  });
});
