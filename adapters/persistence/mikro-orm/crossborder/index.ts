import { CROSSBORDER_STORE } from '../../../../application/crossborder/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { pgCrossBorderStore } from './repositories.js';

/** The cross-border context on PostgreSQL: its store only (no table until paid cross-border orders are recorded, issue #6). */
export const crossborderPostgres: PostgresContextPart = {
  stores: [pgStore(CROSSBORDER_STORE, pgCrossBorderStore)],
};
