import type { Zhongtai } from '../container/create-zhongtai.js';
import { seedOrderDemo } from './order-demo.js';

/**
 * The demo data of the contexts not yet moved into modules (issue #13), by context; a context that moved
 * seeds through its manifest's `demo`, in the order of `DEMO_ORDER`.
 */
const LEGACY: Readonly<Record<string, (zt: Zhongtai) => Promise<unknown>>> = {
  ordering: seedOrderDemo, // the demo member's orders (with the fake channel only): one paid through it, one awaiting payment
};

/** Which context seeds when: each builds on the data of those before it. */
const DEMO_ORDER = ['catalog', 'dispatch', 'inventory', 'coupon', 'promotion', 'freight', 'cart', 'membership', 'ordering'] as const;

/** Loads the demo data of every context (catalog only on an empty catalog, warehouses only when there are none; the rest is idempotent). */
export async function seedDemo(zt: Zhongtai): Promise<{ catalog: boolean }> {
  const seeded: Record<string, unknown> = {};
  for (const name of DEMO_ORDER) {
    const context = zt.contexts.find((c) => c.name === name);
    if (context?.demo) seeded[name] = await (context.demo as (zt: Zhongtai) => Promise<unknown>)(zt);
    else await LEGACY[name]?.(zt);
  }
  return { catalog: (seeded.catalog as { created?: boolean } | undefined)?.created === true };
}
