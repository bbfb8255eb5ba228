import { confirmOrderReceipt } from '../ordering/index.js';
import type { FulfilmentDeps } from './deps.js';
import type { FulfilmentView } from './ship-order.js';

/**
 * The member confirms receipt of their own shipped order (确认收货): it completes (`order.completed`,
 * which membership subscribes to), the split parent follows. Another member's order: ORDER.NOT_FOUND,
 * nothing written; not shipped: ORDER.INVALID_TRANSITION.
 */
export class ConfirmReceipt {
  constructor(private readonly d: FulfilmentDeps) {}

  execute(cmd: { memberId: string; orderId: string }): Promise<FulfilmentView> {
    return this.d.uow.run((tx) => confirmOrderReceipt(tx, { orderId: cmd.orderId, memberId: cmd.memberId, at: this.d.clock.now() }));
  }
}
