import type { Zhongtai } from '../container/create-zhongtai.js';
import { seedCatalogDemo } from './catalog-demo.js';

/** Loads the demo data of every context (each is skipped when its data is already there). */
export async function seedDemo(zt: Zhongtai): Promise<{ catalog: boolean }> {
  const catalog = await seedCatalogDemo(zt);
  return { catalog: catalog.created };
}
