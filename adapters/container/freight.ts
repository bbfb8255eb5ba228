import * as freight from '../../application/freight/index.js';
import { FREIGHT_STORE } from '../../application/freight/store.js';
import { seedFreightDemo } from '../demo/freight-demo.js';
import { freightRoutes } from '../http/express/freight/index.js';
import { memoryFreightStore } from '../persistence/memory/freight/repositories.js';
import { baseDeps, defineContext, memoryStore } from './module.js';

/** 运费模板 (spec §7): per-item templates, shop settings (mode, FRT-1, combination), SKU assignments, quotes. */
export const freightContext = defineContext({
  name: 'freight',
  deps: baseDeps,
  facades: {
    freight: {
      createTemplate: (d) => new freight.CreateFreightTemplate(d),
      updateTemplate: (d) => new freight.UpdateFreightTemplate(d),
      listTemplates: (d) => new freight.ListFreightTemplates(d),
      getTemplate: (d) => new freight.GetFreightTemplate(d),
      /** Which template SKUs use (null: none). */
      assignTemplate: (d) => new freight.AssignFreightTemplate(d),
      templateSkus: (d) => new freight.ListTemplateSkus(d),
      setShopSettings: (d) => new freight.SetShopFreightSettings(d),
      getShopSettings: (d) => new freight.GetShopFreightSettings(d),
      /** One shop's lines to an address → the explained quote. */
      quote: (d) => new freight.QuoteFreight(d),
    },
  },
  persistence: {
    memory: [memoryStore(FREIGHT_STORE, memoryFreightStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/freight/index.js')).freightPostgres,
  },
  routes: freightRoutes,
  demo: (zt) => seedFreightDemo(zt),
});
