import { orderNotFound } from '../../domain/ordering/errors.js';
import { memberRejection, type Order } from '../../domain/ordering/order.js';
import type { VerificationCodes } from '../../domain/ordering/ports.js';
import type { OrderKind, OrderStatus } from '../../domain/ordering/status.js';
import type { Money } from '../../domain/shared/money.js';
import type { IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { followParent, settlePaidOrder } from './holdings.js';
import { ORDERING_STORE } from './store.js';

/**
 * Ordering's published in-transaction services for the payment context (issue #13): which orders a
 * payment may cover, whether they still await payment, and paying them. The Order aggregate stays
 * ordering's: payment sees orders as the values below and changes them only through these functions.
 */

/** A leaf order as a payment sees it (`PayableOrder` of domain/payment, plus its time to pay). */
export interface OrderToPay {
  readonly id: string;
  readonly number: string;
  readonly kind: OrderKind;
  readonly status: OrderStatus;
  readonly memberId: string;
  readonly payable: Money;
  readonly isSplitParent: boolean;
  /** ORD-3: when it is cancelled unpaid (a payment never stays open past it, PAY-2). */
  readonly payBy: Date;
}

const toPay = (o: Order): OrderToPay => ({
  id: o.id,
  number: o.number,
  kind: o.kind,
  status: o.status,
  memberId: o.memberId,
  payable: o.payable,
  isSplitParent: o.isSplitParent,
  payBy: o.toSnapshot().payBy,
});

/**
 * The leaf orders a member's payment of `orderIds` covers: each order itself, or for a split parent its
 * children still awaiting payment (ORD-5). Another member's order, or none, is `ORDER.NOT_FOUND`. Stops
 * at the first order already paid (a leaf, or a split parent none of whose children awaits payment) and
 * answers it in `alreadyPaid`, naming the payment that paid it; the payment context refuses that.
 */
export async function ordersToPay(
  tx: Transaction,
  memberId: string,
  orderIds: readonly string[],
): Promise<{ readonly leaves: readonly OrderToPay[]; readonly alreadyPaid: { readonly orderId: string; readonly paymentId: string } | null }> {
  const orders = tx.use(ORDERING_STORE).orders;
  const out = new Map<string, OrderToPay>();
  for (const id of new Set(orderIds)) {
    const o = await orders.get(id);
    if (!o || memberRejection(o.toSnapshot(), memberId)) throw orderNotFound(id);
    const under = o.isSplitParent ? await orders.children(o.id) : [o];
    const leaves = o.isSplitParent ? under.filter((c) => c.status === 'pending_payment') : under;
    const paid = leaves.length === 0 || !o.isSplitParent ? under.find((c) => c.toSnapshot().payment !== null) : undefined;
    if (paid) return { leaves: [...out.values()], alreadyPaid: { orderId: o.id, paymentId: paid.toSnapshot().payment!.paymentId } };
    for (const leaf of leaves) out.set(leaf.id, toPay(leaf));
  }
  return { leaves: [...out.values()], alreadyPaid: null };
}

/** Whether every one of these orders (a payment's) still awaits payment; a missing one is a broken reference. */
export async function ordersAwaitingPayment(tx: Transaction, orderIds: readonly string[]): Promise<boolean> {
  let awaiting = true;
  for (const id of orderIds) {
    const o = await tx.use(ORDERING_STORE).orders.get(id);
    if (!o) throw new Error(`a payment pays a missing order ${id}`);
    awaiting &&= o.status === 'pending_payment';
  }
  return awaiting;
}

/** What paying orders needs: ids for the stock movements, and the verification codes of service orders. */
export interface PayOrdersDeps {
  readonly ids: IdGenerator;
  readonly codes: VerificationCodes;
}

/**
 * Pays leaf orders (their payment succeeded, or they had nothing to pay: `free:<order>`), in the given
 * order: each moves to pending shipment or redemption (a service order draws its verification code), its
 * locked stock is sold and the top-level order's coupons are used, the split parent follows (ORD-5). The
 * same payment again changes nothing (a replay).
 */
export async function payOrders(
  tx: Transaction,
  deps: PayOrdersDeps,
  cmd: { readonly orderIds: readonly string[]; readonly paymentId: string; readonly at: Date },
): Promise<void> {
  const orders = tx.use(ORDERING_STORE).orders;
  for (const id of cmd.orderIds) {
    const order = await orders.get(id);
    if (!order) throw new Error(`payment ${cmd.paymentId} pays a missing order ${id}`);
    const { replayed } = order.pay({ paymentId: cmd.paymentId, at: cmd.at, codes: deps.codes });
    if (replayed) continue;
    await orders.save(order);
    await settlePaidOrder(tx, { ids: deps.ids, clock: { now: () => cmd.at } }, order, cmd.at);
    await followParent(tx, order.parentId, cmd.at);
  }
}
