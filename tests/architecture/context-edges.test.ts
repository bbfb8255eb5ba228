import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contextEdgeViolations, contextOf } from './context-edges.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/edges', import.meta.url));
const edge = (v: { file: string; target: string }) => `${v.file} -> ${v.target}`;

/**
 * The imports into other contexts' internals that remain while contexts move into modules (issue #13):
 * each context's move deletes its lines, and a line that no longer occurs must go too (the list is exact).
 */
const LEGACY: string[] = JSON.parse(readFileSync(new URL('./legacy-edges.json', import.meta.url), 'utf8'));

describe('context edges (issue #13): another context is reached only through its index.ts', () => {
  it('a file belongs to the context its folder, or its own name, names — in any layer and technology folder', () => {
    expect(contextOf('application/ordering/place-order.ts')).toEqual({ context: 'ordering', base: 'application' });
    expect(contextOf('adapters/persistence/mikro-orm/freight/records.ts')).toEqual({ context: 'freight', base: 'adapters/persistence/mikro-orm' });
    expect(contextOf('adapters/container/freight.ts')).toEqual({ context: 'freight', base: 'adapters/container' });
    expect(contextOf('application/shared/unit-of-work.ts')).toBeNull();
  });

  it('the rule reports store keys, use-case files, domain internals and other contexts’ adapters; an index, the own context and a manifest list pass', () => {
    expect(contextEdgeViolations(fixture).map(edge).sort()).toEqual([
      'adapters/container/cart.ts -> adapters/container/coupon.ts',
      'adapters/container/cart.ts -> application/coupon/lock-coupons.ts',
      'adapters/persistence/memory/cart/store.ts -> adapters/persistence/memory/coupon/store.ts',
      'application/cart/add-to-cart.ts -> application/coupon/store.ts',
      'application/cart/add-to-cart.ts -> domain/coupon/owned-coupon.ts',
    ]);
  });

  it('zhongtai: no import into another context’s internals but the ones left to move (the list shrinks to nothing)', () => {
    expect(contextEdgeViolations(projectRoot).map(edge).sort()).toEqual([...LEGACY].sort());
  });
});
