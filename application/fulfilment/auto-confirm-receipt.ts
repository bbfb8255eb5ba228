import { autoConfirmOrder } from '../ordering/index.js';
import type { FulfilmentDeps } from './deps.js';

/**
 * What the `order.auto-confirm` job runs: confirms receipt when the deadline stored at shipping has
 * come. A job that runs twice, late, or for an order completed or closed meanwhile changes nothing
 * (`confirmed: false`). Run before the deadline (runners' clocks apart), it changes nothing either and
 * answers the deadline in `notBefore`: the job runs again then (the one way every timer answers).
 */
export class AutoConfirmReceipt {
  constructor(private readonly d: FulfilmentDeps) {}

  execute(cmd: { orderId: string }): Promise<{ confirmed: boolean; notBefore: Date | null }> {
    return this.d.uow.run(async (tx) => ({ ...(await autoConfirmOrder(tx, { orderId: cmd.orderId, at: this.d.clock.now() })) }));
  }
}
