import type { CartStore } from '../../../../application/cart/store.js';
import { Cart } from '../../../../domain/cart/cart.js';
import type { Carts } from '../../../../domain/cart/ports.js';
import type { TxScope } from '../db.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';
import { CartRecord, cartFromRow, cartRecord, type CartRow } from './records.js';

/** The cart store of one PostgreSQL transaction. */
export const pgCartStore = (tx: TxScope): CartStore => ({ carts: new MikroOrmCarts(tx) });

/** Carts on PostgreSQL: one row per cart, saved `where id = ? and version = ?` (CONCURRENCY.STALE_AGGREGATE). */
export class MikroOrmCarts implements Carts {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Cart | null> {
    const [row] = await this.tx.rows<CartRow>('select * from cart where id = ?', [id]);
    return row ? Cart.restore(cartFromRow(row)) : null;
  }

  async save(cart: Cart): Promise<void> {
    const s = cart.toSnapshot();
    cart.markSaved(await saveVersionedRow(this.tx, CartRecord, 'carts', s.version, cartRecord(s, s.version + 1)));
    this.tx.record(cart.pullEvents());
  }
}
