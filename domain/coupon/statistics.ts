import { Dec } from '../shared/decimal.js';
import type { CouponState } from './owned-coupon.js';
import type { TemplateCounts } from './ports.js';

/** Statistics of one template (spec §6): issued, claimed, used, redemption rate (核销率). */
export interface CouponStatistics {
  readonly templateId: string;
  readonly issued: number;
  readonly claimed: number;
  /** Coupons used now (a returned coupon counts again only when it is used again). */
  readonly used: number;
  readonly byState: Readonly<Record<CouponState, number>>;
  /** used / issued as a decimal string with 4 places, half-up ("0.2500"); "0.0000" when none were issued. */
  readonly redemptionRate: string;
}

export function redemptionRate(used: number, issued: number): string {
  if (issued === 0) return '0.0000';
  return new Dec(used).div(issued).toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed(4);
}

export function couponStatistics(templateId: string, c: TemplateCounts): CouponStatistics {
  const used = c.byState.used;
  return { templateId, issued: c.issued, claimed: c.claimed, used, byState: c.byState, redemptionRate: redemptionRate(used, c.issued) };
}
