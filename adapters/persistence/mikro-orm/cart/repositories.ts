import type { CartStore } from '../../../../application/cart/store.js';
import { Cart } from '../../../../domain/cart/cart.js';
import type { Carts } from '../../../../domain/cart/ports.js';
import type { TxScope } from '../db.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';
import { CartRecord, cartFromRow, cartRecord, type CartRow } from './records.js';

/** The cart store of one PostgreSQL transaction. */
export const pgCartStore = (tx: TxScope): CartStore => ({ carts: new MikroOrmCarts(tx) });

/**
 * Carts on PostgreSQL: one row per cart, saved `where id = ? and version = ?` (CONCURRENCY.STALE_AGGREGATE).
 * A cart is read once per transaction (issue #14: placing prices the cart, then takes the bought lines
 * out of it): a second `get` restores the row read first, and saving it is checked against that version.
 */
export class MikroOrmCarts implements Carts {
  private readonly read = new Map<string, CartRow | null>();

  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Cart | null> {
    let row = this.read.get(id);
    if (row === undefined) {
      [row = null] = await this.tx.rows<CartRow>('select * from cart where id = ?', [id]);
      this.read.set(id, row);
    }
    return row ? Cart.restore(cartFromRow(structuredClone(row))) : null;
  }

  async save(cart: Cart): Promise<void> {
    const s = cart.toSnapshot();
    this.read.delete(s.id);
    cart.markSaved(await saveVersionedRow(this.tx, CartRecord, 'carts', s.version, cartRecord(s, s.version + 1)));
    this.tx.record(cart.pullEvents());
  }
}
