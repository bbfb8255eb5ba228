import type { Zhongtai } from '../container/create-zhongtai.js';

/**
 * Loads the demo data of every context, through each manifest's `demo`, in the order of the contexts
 * (`zt.contexts`, CONTEXTS by default): each builds on the data of those before it (catalog only on an
 * empty catalog, warehouses only when there are none; the rest is idempotent).
 */
export async function seedDemo(zt: Zhongtai): Promise<{ catalog: boolean }> {
  const seeded: Record<string, unknown> = {};
  for (const context of zt.contexts) {
    if (context.demo) seeded[context.name] = await (context.demo as (zt: Zhongtai) => Promise<unknown>)(zt);
  }
  return { catalog: (seeded.catalog as { created?: boolean } | undefined)?.created === true };
}
