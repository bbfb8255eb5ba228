import { CouponTemplate, type CouponTemplateFields } from '../../../domain/coupon/coupon-template.js';
import type { RandomSource } from '../../../domain/coupon/ports.js';

export const DAY = 86_400_000;
export const T0 = new Date('2026-11-01T00:00:00.000Z');
/** T0 + d days. */
export const day = (d: number): Date => new Date(T0.getTime() + d * DAY);

/** 满199减20: a platform threshold coupon, valid 30 days after the claim, claimed during November. */
export function thresholdFields(overrides: Partial<CouponTemplateFields> = {}): CouponTemplateFields {
  return {
    name: '满199减20',
    kind: 'threshold',
    amount: '20.00',
    threshold: '199.00',
    validity: { kind: 'relative', days: 30 },
    claimWindow: { startsAt: T0, endsAt: day(30) },
    totalQuantity: 100,
    perMemberLimit: 2,
    ...overrides,
  };
}

export function aTemplate(overrides: Partial<CouponTemplateFields> = {}, id = 'tpl-1'): CouponTemplate {
  const t = CouponTemplate.create(id, thresholdFields(overrides), T0);
  t.pullEvents();
  return t;
}

/** mulberry32: a small seeded generator, so random amounts are reproducible in tests. */
export function seededRandom(seed = 42): RandomSource {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(private current: Date = T0) {}
  now(): Date {
    return this.current;
  }
  set(d: Date): void {
    this.current = d;
  }
}
