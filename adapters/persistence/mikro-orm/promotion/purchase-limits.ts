import { PROMOTION_ERROR, rejectionOf, toError } from '../../../../domain/promotion/errors.js';
import type { PurchaseLimitConsumption, PurchaseLimitResult, PurchaseLimits } from '../../../../domain/promotion/ports.js';
import { purchaseLimitRejection } from '../../../../domain/promotion/purchase-limit.js';
import type { TxScope } from '../db.js';

interface ConsumptionRow {
  activity_id: string;
  member_id: string;
  period: string;
  quantity: number;
  released: boolean;
}

/**
 * Purchase limits (限购) on PostgreSQL (decision 0010): a consumption is one statement — the consumption
 * row inserted first (`on conflict do nothing`: a concurrent replay waits on its key, then sees the first),
 * then the member's counter, inserted or raised only while `used + n <= limit` (`on conflict … do update
 * … where`, which PostgreSQL re-checks on the newest row version after waiting), and only if the
 * consumption was inserted. A refusal throws, so the transaction rolls the consumption back with it.
 * CHECK `used <= usage_limit` is the last line of defence.
 */
export class MikroOrmPurchaseLimits implements PurchaseLimits {
  constructor(private readonly tx: TxScope) {}

  async used(memberId: string, periods: readonly { activityId: string; period: string }[]): Promise<Map<string, number>> {
    const out = new Map(periods.map((p) => [p.activityId, 0]));
    if (periods.length === 0) return out;
    const rows = await this.tx.rows<{ activity_id: string; used: number }>(
      `select u.activity_id, u.used from purchase_limit_usage u
       join unnest(?::text[], ?::text[]) as k(activity_id, period) on u.activity_id = k.activity_id and u.period = k.period
       where u.member_id = ?`,
      [periods.map((p) => p.activityId), periods.map((p) => p.period), memberId],
    );
    for (const r of rows) out.set(r.activity_id, r.used);
    return out;
  }

  async consume(c: PurchaseLimitConsumption): Promise<PurchaseLimitResult> {
    const [r] = await this.tx.rows<{ inserted: number; used: number | null }>(
      `with ins as (
         insert into purchase_limit_consumption (activity_id, reference, member_id, period, quantity, released, at)
         values ($1, $2, $3, $4, $5::int, false, $7) on conflict (activity_id, reference) do nothing returning 1
       ), usage as (
         insert into purchase_limit_usage as u (activity_id, member_id, period, used, usage_limit)
         select $1, $3, $4, $5::int, $6::int from ins where $6::int is null or $5::int <= $6::int
         on conflict (activity_id, member_id, period) do update set used = u.used + excluded.used, usage_limit = excluded.usage_limit
         where excluded.usage_limit is null or u.used + excluded.used <= excluded.usage_limit
         returning used
       )
       select (select count(*)::int from ins) as inserted, (select used from usage) as used`,
      [c.activityId, c.reference, c.memberId, c.period, c.quantity, c.limit, c.at],
    );
    if (r!.inserted === 0) return this.replayOf(c.activityId, c.reference);
    if (r!.used === null) {
      // The guard refused: its verdict stands; the figures in the message are the ones read now.
      const used = (await this.used(c.memberId, [c]))?.get(c.activityId) ?? 0;
      throw toError(
        purchaseLimitRejection(c, used) ??
          rejectionOf(PROMOTION_ERROR.PURCHASE_LIMIT_REACHED, `member ${c.memberId} reached the limit of activity ${c.activityId}`, {
            activityId: c.activityId,
            memberId: c.memberId,
            period: c.period,
            limit: c.limit,
            requested: c.quantity,
          }),
      );
    }
    return { activityId: c.activityId, memberId: c.memberId, period: c.period, used: r!.used, quantity: c.quantity, replayed: false };
  }

  async release(activityId: string, reference: string): Promise<PurchaseLimitResult | null> {
    const [r] = await this.tx.rows<{ member_id: string | null; period: string | null; used: number | null }>(
      `with rel as (
         update purchase_limit_consumption set released = true where activity_id = $1 and reference = $2 and not released
         returning member_id, period, quantity
       ), upd as (
         update purchase_limit_usage u set used = u.used - rel.quantity from rel
         where u.activity_id = $1 and u.member_id = rel.member_id and u.period = rel.period returning u.used
       )
       select (select member_id from rel) as member_id, (select period from rel) as period, (select used from upd) as used`,
      [activityId, reference],
    );
    if (r!.member_id === null) {
      const [first] = await this.tx.rows<ConsumptionRow>('select * from purchase_limit_consumption where activity_id = ? and reference = ?', [
        activityId,
        reference,
      ]);
      return first ? this.replayOf(activityId, reference, first) : null;
    }
    return { activityId, memberId: r!.member_id, period: r!.period!, used: r!.used!, quantity: 0, replayed: false };
  }

  private async replayOf(activityId: string, reference: string, row?: ConsumptionRow): Promise<PurchaseLimitResult> {
    const c =
      row ??
      (await this.tx.rows<ConsumptionRow>('select * from purchase_limit_consumption where activity_id = ? and reference = ?', [activityId, reference]))[0]!;
    const used = (await this.used(c.member_id, [{ activityId, period: c.period }])).get(activityId) ?? 0;
    return { activityId, memberId: c.member_id, period: c.period, used, quantity: c.released ? 0 : c.quantity, replayed: true };
  }
}
