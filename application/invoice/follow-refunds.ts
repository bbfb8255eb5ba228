import type { InvoiceDeps } from './deps.js';
import { followKept } from './follow.js';

/** What the refund subscription runs: the order's blue invoice follows what the order keeps (`followKept`). */
export class FollowOrderRefunds {
  constructor(private readonly d: InvoiceDeps) {}

  execute(cmd: { readonly orderId: string }): Promise<{ changed: boolean }> {
    return this.d.uow.run(async (tx) => ({ changed: await followKept(tx, this.d, cmd.orderId) }));
  }
}
