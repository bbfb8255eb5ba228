import type { Transaction } from '../shared/unit-of-work.js';
import { changePoints, type LedgerDeps } from './ledgers.js';
import { MEMBERSHIP_STORE } from './store.js';

/**
 * Published to ordering, in the placing transaction: the points an order spends (积分抵扣, PRM-3) leave
 * the member's ledger as one guarded debit under the order's id (`MEMBERSHIP.INSUFFICIENT_POINTS` when
 * the balance does not cover them), with the deduction's value and its split over the lines (`perLine`),
 * so that cancelling or refunding lines gives back exactly their share. Once per order.
 */
export async function deductPointsForOrder(
  tx: Transaction,
  d: LedgerDeps,
  cmd: {
    readonly memberId: string;
    readonly orderId: string;
    readonly points: number;
    readonly value: string;
    readonly perLine: Readonly<Record<string, number>>;
  },
): Promise<void> {
  if (cmd.points <= 0) return;
  await changePoints(tx, d, {
    memberId: cmd.memberId,
    source: 'checkout',
    reference: cmd.orderId,
    delta: -cmd.points,
    detail: { value: cmd.value, perLine: cmd.perLine },
  });
}

/**
 * Published to ordering, in the cancelling transaction: part of an order (`cancelledId`, a leaf order)
 * was cancelled, before or after payment; the points the order spent on its lines (`lineIds`) come back
 * by their share of the deduction (`perLine`), once per cancelled part (reference `<order>:cancel:<part>`).
 * Nothing when the order spent no points on those lines.
 */
export async function returnPointsOfCancelledLines(
  tx: Transaction,
  d: LedgerDeps,
  cmd: { readonly memberId: string; readonly orderId: string; readonly cancelledId: string; readonly lineIds: readonly string[] },
): Promise<void> {
  const used = await tx.use(MEMBERSHIP_STORE).pointsLedger.entry(cmd.memberId, 'checkout', cmd.orderId);
  if (!used) return;
  const perLine = (used.detail.perLine ?? {}) as Record<string, number>;
  const lines = cmd.lineIds.filter((id) => (perLine[id] ?? 0) > 0);
  const points = lines.reduce((n, id) => n + perLine[id]!, 0);
  if (points === 0) return;
  await changePoints(tx, d, {
    memberId: cmd.memberId,
    source: 'refund',
    reference: `${cmd.orderId}:cancel:${cmd.cancelledId}`,
    delta: points,
    detail: { lines },
  });
}
