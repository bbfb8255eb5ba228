import { cartIdOf, type CartSnapshot, type MergeReport } from '../../domain/cart/cart.js';
import type { CartDeps } from './deps.js';
import { cartOf, guestCartNotFound, resolveCart } from './lookups.js';
import { cartSources } from './sources.js';
import { CART_STORE } from './store.js';

export interface MergeGuestCartCommand {
  readonly memberId: string;
  readonly guestId: string;
}

/**
 * 登录合并: the guest's cart into the member's, in one transaction (spec §4): quantities add, capped
 * by stock and purchase limits; the guest cart is emptied in the same transaction, so merging it again
 * changes nothing (neither cart is saved when the guest cart is empty).
 */
export class MergeGuestCart {
  constructor(private readonly d: CartDeps) {}

  execute(cmd: MergeGuestCartCommand): Promise<MergeReport & { readonly cart: CartSnapshot }> {
    return this.d.uow.run(async (tx) => {
      const now = this.d.clock.now();
      const carts = tx.use(CART_STORE).carts;
      const guest = await carts.get(cartIdOf({ kind: 'guest', id: cmd.guestId }));
      if (!guest) throw guestCartNotFound(cmd.guestId);
      const member = await cartOf(tx, { kind: 'member', id: cmd.memberId }, now);
      if (guest.lines.length === 0) return { merged: [], skipped: [], cart: member.toSnapshot() };
      const resolved = await resolveCart(cartSources(tx, this.d.shops), guest.lines);
      const limits = new Map(resolved.map((r) => [r.line.skuId, r.limit]));
      const report = member.mergeFrom(guest, (skuId) => limits.get(skuId) ?? { max: 0, reason: 'stock' }, now);
      await carts.save(member);
      await carts.save(guest);
      return { ...report, cart: member.toSnapshot() };
    });
  }
}
