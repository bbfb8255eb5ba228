import { purchaseLimitRejection } from '../../../domain/promotion/purchase-limit.js';
import { toError } from '../../../domain/promotion/errors.js';
import type { PurchaseLimitConsumption, PurchaseLimitResult, PurchaseLimits } from '../../../domain/promotion/ports.js';
import type { MemoryTables } from './memory-database.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

type UsageRow = MemoryTables['purchaseLimitUsage'] extends Map<string, infer R> ? R : never;
type ConsumptionRow = MemoryTables['purchaseLimitConsumptions'] extends Map<string, infer R> ? R : never;
const usageKey = (activityId: string, memberId: string, period: string) => `${activityId}\u0000${memberId}\u0000${period}`;
const consumptionKey = (activityId: string, reference: string) => `${activityId}\u0000${reference}`;

/** Purchase limits (限购) in memory: transactions are serialised, so checking then writing is atomic. */
export class MemoryPurchaseLimits implements PurchaseLimits {
  constructor(private readonly tx: MemoryTransactionState) {}

  async used(memberId: string, periods: readonly { activityId: string; period: string }[]): Promise<Map<string, number>> {
    return new Map(periods.map((p) => [p.activityId, this.tx.read('purchaseLimitUsage', usageKey(p.activityId, memberId, p.period))?.used ?? 0]));
  }

  async consume(c: PurchaseLimitConsumption): Promise<PurchaseLimitResult> {
    const first = this.tx.read('purchaseLimitConsumptions', consumptionKey(c.activityId, c.reference));
    if (first) return this.resultOf(first, true);
    const key = usageKey(c.activityId, c.memberId, c.period);
    const row: UsageRow = this.tx.read('purchaseLimitUsage', key) ?? { id: key, activityId: c.activityId, memberId: c.memberId, period: c.period, used: 0, limit: null, version: 0 };
    const r = purchaseLimitRejection(c, row.used);
    if (r) throw toError(r);
    const used = row.used + c.quantity;
    const consumption: ConsumptionRow = {
      id: consumptionKey(c.activityId, c.reference), activityId: c.activityId, reference: c.reference, memberId: c.memberId, period: c.period,
      quantity: c.quantity, released: false, at: c.at, version: 0,
    };
    const usage: UsageRow = { ...row, used, limit: c.limit };
    this.tx.write('purchaseLimitUsage', usage);
    this.tx.write('purchaseLimitConsumptions', consumption);
    return { activityId: c.activityId, memberId: c.memberId, period: c.period, used, quantity: c.quantity, replayed: false };
  }

  async release(activityId: string, reference: string): Promise<PurchaseLimitResult | null> {
    const consumption = this.tx.read('purchaseLimitConsumptions', consumptionKey(activityId, reference));
    if (!consumption) return null;
    if (consumption.released) return this.resultOf(consumption, true);
    const key = usageKey(activityId, consumption.memberId, consumption.period);
    const row = this.tx.read('purchaseLimitUsage', key)!;
    const used = row.used - consumption.quantity;
    const usage: UsageRow = { ...row, used };
    const released: ConsumptionRow = { ...consumption, released: true };
    this.tx.write('purchaseLimitUsage', usage);
    this.tx.write('purchaseLimitConsumptions', released);
    return { activityId, memberId: consumption.memberId, period: consumption.period, used, quantity: 0, replayed: false };
  }

  private resultOf(c: ConsumptionRow, replayed: boolean): PurchaseLimitResult {
    const used = this.tx.read('purchaseLimitUsage', usageKey(c.activityId, c.memberId, c.period))?.used ?? 0;
    return { activityId: c.activityId, memberId: c.memberId, period: c.period, used, quantity: c.released ? 0 : c.quantity, replayed };
  }
}
