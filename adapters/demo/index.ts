import type { Zhongtai } from '../container/create-zhongtai.js';
import { seedCatalogDemo } from './catalog-demo.js';
import { seedDispatchDemo } from './dispatch-demo.js';
import { seedInventoryDemo } from './inventory-demo.js';

/** Loads the demo data of every context (catalog only on an empty catalog, warehouses only when there are none; the rest is idempotent). */
export async function seedDemo(zt: Zhongtai): Promise<{ catalog: boolean }> {
  const catalog = await seedCatalogDemo(zt);
  await seedInventoryDemo(zt);
  await seedDispatchDemo(zt);
  return { catalog: catalog.created };
}
