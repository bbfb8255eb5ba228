import { redeemOrder } from '../ordering/index.js';
import type { FulfilmentDeps } from './deps.js';
import type { FulfilmentView } from './ship-order.js';

/**
 * The shop redeems a service order's verification code (核销): the order completes (`order.completed`,
 * which membership subscribes to), the split parent follows. A wrong code or another shop's:
 * ORDER.INVALID_CODE (422), nothing written; not pending redemption: ORDER.INVALID_TRANSITION.
 */
export class RedeemVerificationCode {
  constructor(private readonly d: FulfilmentDeps) {}

  execute(cmd: { orderId: string; shopId: string; code: string }): Promise<FulfilmentView> {
    return this.d.uow.run((tx) => redeemOrder(tx, { orderId: cmd.orderId, shopId: cmd.shopId, code: cmd.code, at: this.d.clock.now() }));
  }
}
