import type { VerificationCodes } from '../../domain/ordering/index.js';
import type { PaymentChannels } from '../payment/index.js';
import type { UseCaseDeps } from '../shared/deps.js';

/** What the reconciliation context's use cases are built with. */
export interface ReconciliationDeps extends UseCaseDeps {
  /** The payment channels the shop takes (payment's; each may download or parse its statement). */
  readonly channels: PaymentChannels;
  /** What paying an order draws (service orders' codes) when an accepted channel payment pays it. */
  readonly codes: VerificationCodes;
  /** The time zone of each channel's statement day (default `DEFAULT_TIME_ZONES`, else Asia/Shanghai). */
  readonly timeZones?: Readonly<Record<string, string>>;
  /** PAY-3 tolerance between the two times (default 5 minutes). */
  readonly toleranceMs?: number;
  /** How long after a UTC day ends the daily job reconciles it (default 10 h: statements are out by then). */
  readonly dailyDelayMs?: number;
}

/** WeChat Pay and Alipay cut statements at midnight in Beijing, Stripe at midnight UTC. */
export const DEFAULT_TIME_ZONES: Readonly<Record<string, string>> = { wechatpay: 'Asia/Shanghai', alipay: 'Asia/Shanghai', stripe: 'UTC' };

export const timeZoneOf = (d: ReconciliationDeps, channel: string): string => d.timeZones?.[channel] ?? DEFAULT_TIME_ZONES[channel] ?? 'Asia/Shanghai';
