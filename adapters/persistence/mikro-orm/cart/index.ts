import { CART_STORE } from '../../../../application/cart/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122090000_cart } from './migrations/Migration20261122090000_cart.js';
import { CartSchema } from './records.js';
import { pgCartStore } from './repositories.js';

/** The cart context on PostgreSQL: `cart`. */
export const cartPostgres: PostgresContextPart = {
  entities: [CartSchema],
  migrations: [{ name: 'Migration20261122090000_cart', class: Migration20261122090000_cart }],
  stores: [pgStore(CART_STORE, pgCartStore)],
};
