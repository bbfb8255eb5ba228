import type { DomainError } from '../shared/domain-error.js';
import { RISK_ERRORS } from './errors.js';
import type { Money } from '../shared/money.js';

/** Spec §16: none and low pass; medium asks a second factor; high suggests blocking; extreme must block. */
export const RISK_LEVELS = ['none', 'low', 'medium', 'high', 'extreme'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What risk control is asked about an order being placed (spec §16, "blacklist at order placement"). */
export interface OrderRiskQuery {
  readonly memberId: string;
  readonly phone: string | null;
  /** The delivery district code. */
  readonly district: string | null;
  readonly payable: Money;
  readonly skuIds: readonly string[];
}

export interface RiskVerdict {
  readonly level: RiskLevel;
  /** The rule that decided, for the member's message and the audit ("blacklist", …). */
  readonly rule: string | null;
}

/** The rejection a verdict means for an order being placed, or null when it passes. */
export function riskRejection(v: RiskVerdict): DomainError | null {
  if (v.level === 'none' || v.level === 'low') return null;
  if (v.level === 'medium') {
    return RISK_ERRORS.raise('VERIFICATION_REQUIRED', 'this order needs a second-factor check before it can be placed', { level: v.level, rule: v.rule });
  }
  return RISK_ERRORS.raise('ORDER_BLOCKED', 'this order cannot be placed', { level: v.level, rule: v.rule });
}
