import { CROSSBORDER_STORE } from '../../application/crossborder/store.js';
import { memoryCrossBorderStore } from '../persistence/memory/crossborder/repositories.js';
import { baseDeps, defineContext, memoryStore } from './module.js';

/**
 * 跨境 (spec §18): no use case of its own yet — its tax, limits and four-document check are pure
 * (`domain/crossborder`), and checkout reads what a person paid this year through its published
 * `crossBorderPaidThisYear`, from its store.
 */
export const crossborderContext = defineContext({
  name: 'crossborder',
  deps: baseDeps,
  facades: {},
  persistence: {
    memory: [memoryStore(CROSSBORDER_STORE, memoryCrossBorderStore)],
    postgresql: async () => (await import('../persistence/mikro-orm/crossborder/index.js')).crossborderPostgres,
  },
});
