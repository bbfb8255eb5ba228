import { purchaseLimitRejection } from '../../../../domain/promotion/purchase-limit.js';
import { toError } from '../../../../domain/promotion/errors.js';
import type { PurchaseLimitConsumption, PurchaseLimitResult, PurchaseLimits } from '../../../../domain/promotion/ports.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** 限购: keyed by (activity, member, period), what the member took (moved only by consumptions and releases). */
const USAGE = 'purchaseLimitUsage';
/** Keyed by (activity, reference): a consumption, replays are no-ops. */
const CONSUMPTIONS = 'purchaseLimitConsumptions';
type UsageRow = { id: string; activityId: string; memberId: string; period: string; used: number; limit: number | null; version: number };
type ConsumptionRow = {
  id: string;
  activityId: string;
  reference: string;
  memberId: string;
  period: string;
  quantity: number;
  released: boolean;
  at: Date;
  version: number;
};
const usageKey = (activityId: string, memberId: string, period: string) => `${activityId}\u0000${memberId}\u0000${period}`;
const consumptionKey = (activityId: string, reference: string) => `${activityId}\u0000${reference}`;

/** Purchase limits (限购) in memory: transactions are serialised, so checking then writing is atomic. */
export class MemoryPurchaseLimits implements PurchaseLimits {
  constructor(private readonly tx: MemoryTransactionState) {}

  async used(memberId: string, periods: readonly { activityId: string; period: string }[]): Promise<Map<string, number>> {
    return new Map(periods.map((p) => [p.activityId, this.tx.read<UsageRow>(USAGE, usageKey(p.activityId, memberId, p.period))?.used ?? 0]));
  }

  async consume(c: PurchaseLimitConsumption): Promise<PurchaseLimitResult> {
    const first = this.tx.read<ConsumptionRow>(CONSUMPTIONS, consumptionKey(c.activityId, c.reference));
    if (first) return this.resultOf(first, true);
    const key = usageKey(c.activityId, c.memberId, c.period);
    const row: UsageRow = this.tx.read<UsageRow>(USAGE, key) ?? {
      id: key,
      activityId: c.activityId,
      memberId: c.memberId,
      period: c.period,
      used: 0,
      limit: null,
      version: 0,
    };
    const r = purchaseLimitRejection(c, row.used);
    if (r) throw toError(r);
    const used = row.used + c.quantity;
    const consumption: ConsumptionRow = {
      id: consumptionKey(c.activityId, c.reference),
      activityId: c.activityId,
      reference: c.reference,
      memberId: c.memberId,
      period: c.period,
      quantity: c.quantity,
      released: false,
      at: c.at,
      version: 0,
    };
    const usage: UsageRow = { ...row, used, limit: c.limit };
    this.tx.write(USAGE, usage);
    this.tx.write(CONSUMPTIONS, consumption);
    return { activityId: c.activityId, memberId: c.memberId, period: c.period, used, quantity: c.quantity, replayed: false };
  }

  async release(activityId: string, reference: string): Promise<PurchaseLimitResult | null> {
    const consumption = this.tx.read<ConsumptionRow>(CONSUMPTIONS, consumptionKey(activityId, reference));
    if (!consumption) return null;
    if (consumption.released) return this.resultOf(consumption, true);
    const key = usageKey(activityId, consumption.memberId, consumption.period);
    const row = this.tx.read<UsageRow>(USAGE, key)!;
    const used = row.used - consumption.quantity;
    const usage: UsageRow = { ...row, used };
    const released: ConsumptionRow = { ...consumption, released: true };
    this.tx.write(USAGE, usage);
    this.tx.write(CONSUMPTIONS, released);
    return { activityId, memberId: consumption.memberId, period: consumption.period, used, quantity: 0, replayed: false };
  }

  private resultOf(c: ConsumptionRow, replayed: boolean): PurchaseLimitResult {
    const used = this.tx.read<UsageRow>(USAGE, usageKey(c.activityId, c.memberId, c.period))?.used ?? 0;
    return { activityId: c.activityId, memberId: c.memberId, period: c.period, used, quantity: c.released ? 0 : c.quantity, replayed };
  }
}
