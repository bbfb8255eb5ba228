import {
  AFTER_SALES_ERRORS,
  AfterSalesRequest,
  assertTypeAllowed,
  DEFAULT_WINDOW_DAYS,
  quoteRefund,
  type HeldByRequests,
  type RequestedLine,
  type RequestSnapshot,
  type RequestType,
} from '../../domain/after-sales/index.js';
import { Money } from '../../domain/shared/money.js';
import { orderForAfterSales } from '../ordering/index.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { AFTER_SALES_STORE } from './store.js';

export interface OpenRequestCommand {
  readonly memberId: string;
  readonly orderId: string;
  readonly type: RequestType;
  readonly lines: readonly RequestedLine[];
  readonly reason: string;
  readonly description?: string;
  /** Image and video references. */
  readonly evidence?: readonly string[];
}

/**
 * 申请售后 (spec §11): the member's own order (another's is AFTER_SALES.ORDER_NOT_FOUND), a type its
 * status allows (AFS-1; after completion within its shop's window, 7 days unless the shop set 15), units not yet held by its live requests, priced by AFS-2. One transaction that
 * holds the order's requests (`lockOrder`) from reading what they hold to saving the new one.
 */
export class OpenAfterSalesRequest {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: OpenRequestCommand): Promise<RequestSnapshot> {
    return this.d.uow.run(async (tx) => {
      const now = this.d.clock.now();
      const order = await orderForAfterSales(tx, cmd.orderId);
      if (!order || order.memberId !== cmd.memberId) throw AFTER_SALES_ERRORS.raise('ORDER_NOT_FOUND', `no order ${cmd.orderId}`, { orderId: cmd.orderId });
      if (order.split) {
        throw AFTER_SALES_ERRORS.raise('SPLIT_ORDER', `order ${cmd.orderId} was split: request on its child orders`, { orderId: cmd.orderId });
      }
      const { requests, settings } = tx.use(AFTER_SALES_STORE);
      assertTypeAllowed(order, cmd.type, now, (await settings.windowOf(order.shopId)) ?? DEFAULT_WINDOW_DAYS);
      await requests.lockOrder(order.id);
      const { lines, freightHeld } = await heldByLiveRequests(tx, order.id, order.currency);
      const quote = quoteRefund(
        { currency: order.currency, lines: order.lines, freightPaid: order.freightPaid, shipped: order.shipped, freightHeld },
        lines,
        cmd.lines,
      );
      const request = AfterSalesRequest.open({
        id: this.d.ids.next(),
        orderId: order.id,
        memberId: cmd.memberId,
        shopId: order.shopId,
        type: cmd.type,
        quote,
        reason: cmd.reason,
        ...(cmd.description !== undefined ? { description: cmd.description } : {}),
        ...(cmd.evidence !== undefined ? { evidence: cmd.evidence } : {}),
        at: now,
      });
      await requests.save(request);
      return request.toSnapshot();
    });
  }
}

/** What the order's live requests (not closed) hold, per line and of the freight. */
async function heldByLiveRequests(tx: Transaction, orderId: string, currency: string): Promise<{ lines: Map<string, HeldByRequests>; freightHeld: Money }> {
  const lines = new Map<string, HeldByRequests>();
  let freightHeld = Money.zero(currency);
  for (const r of await tx.use(AFTER_SALES_STORE).requests.ofOrder(orderId)) {
    if (!r.holdsUnits) continue;
    const q = r.toSnapshot().quote;
    freightHeld = freightHeld.add(q.freight);
    for (const l of q.lines) {
      const was = lines.get(l.lineId);
      lines.set(l.lineId, {
        units: (was?.units ?? 0) + l.quantity,
        cash: (was?.cash ?? Money.zero(currency)).add(l.cash),
        points: (was?.points ?? 0) + l.points,
      });
    }
  }
  return { lines, freightHeld };
}
