import { describe, expect, it } from 'vitest';
import { Activity } from '../../../domain/promotion/activity.js';
import type { ActivityInput } from '../../../domain/promotion/definition.js';
import { presaleQuote, presaleStageAt, type DepositPresaleRule } from '../../../domain/promotion/presale.js';
import { periodKey, purchaseLimitRejection } from '../../../domain/promotion/purchase-limit.js';
import { at } from '../../support/mothers.js';
import { aFullReduction, aPresale } from './promotion-mothers.js';

describe('限购: periods and the limit rule', () => {
  it('periods are calendar days, ISO weeks and months in China Standard Time (UTC+08:00)', () => {
    const t = new Date('2026-11-22T16:30:00.000Z'); // Monday 2026-11-23 00:30 in Beijing
    expect([periodKey('activity', t), periodKey('day', t), periodKey('week', t), periodKey('month', t)]).toEqual([
      'activity',
      '2026-11-23',
      '2026-W48',
      '2026-11',
    ]);
    expect(periodKey('day', new Date('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22');
    expect(periodKey('week', new Date('2026-11-22T15:59:59.999Z'))).toBe('2026-W47'); // Sunday in Beijing
    expect(periodKey('week', new Date('2027-01-01T04:00:00.000Z'))).toBe('2026-W53'); // Friday 1 Jan 2027 belongs to 2026's last week
    expect(periodKey('month', new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12');
  });

  it('used + quantity within the limit passes; beyond it, PROMOTION.PURCHASE_LIMIT_REACHED with the figures; no limit always passes', () => {
    const c = { activityId: 'a', memberId: 'm', period: 'activity', quantity: 2, limit: 3 };
    expect(purchaseLimitRejection(c, 1)).toBeNull();
    expect(purchaseLimitRejection(c, 2)).toMatchObject({
      code: 'PROMOTION.PURCHASE_LIMIT_REACHED',
      kind: 'conflict',
      details: { limit: 3, used: 2, remaining: 1, requested: 2 },
    });
    expect(purchaseLimitRejection({ ...c, limit: null }, 1000)).toBeNull();
  });

  it('an activity keeps its limit period; an unknown one is PROMOTION.INVALID_SETTINGS', () => {
    const a = Activity.create('a', aFullReduction({ perMemberLimit: 2, limitPeriod: 'week' }), at(0));
    expect(a.latest.definition).toMatchObject({ perMemberLimit: 2, limitPeriod: 'week' });
    expect(Activity.create('b', aFullReduction(), at(0)).latest.definition.limitPeriod).toBe('activity');
    expect(() => Activity.create('c', aFullReduction({ limitPeriod: 'year' as never }), at(0))).toThrow(
      expect.objectContaining({ code: 'PROMOTION.INVALID_SETTINGS', details: expect.objectContaining({ field: 'limitPeriod', reason: 'UNKNOWN_PERIOD' }) }),
    );
  });
});

describe('deposit presale activities (定金预售, spec §5)', () => {
  it('a presale is an activity of its own kind: no pricing rule, stages by its windows, quotes deposit and balance', () => {
    const a = Activity.create('p', aPresale(), at(0));
    a.submit(at(0), { by: 'mia' });
    a.approve(at(0), { by: 'rex' });
    expect(a.kind).toBe('deposit_presale');
    expect(a.activeAt(at(10))).toBeNull();
    const rule = a.live!.definition.rule as DepositPresaleRule;
    expect([presaleStageAt(rule, at(-1)), presaleStageAt(rule, at(10)), presaleStageAt(rule, at(24 * 60)), presaleStageAt(rule, at(48 * 60))]).toEqual([
      'not_started',
      'deposit',
      'balance',
      'ended',
    ]);
    expect(presaleQuote(rule, 'sku-milk', 2)).toMatchObject({ deposit: 20000n, deduction: 30000n, balance: 89800n });
    expect(presaleQuote(rule, 'sku-other', 1)).toBeNull();
  });

  it.each<[string, Partial<DepositPresaleRule>, Partial<ActivityInput>, string]>([
    ['a leverage below 1', { leverage: '0.8' }, {}, 'LEVERAGE_BELOW_ONE'],
    ['a leverage above 10', { leverage: '12' }, {}, 'LEVERAGE_TOO_HIGH'],
    ['a deposit equal to the final price', { items: [{ skuId: 'sku-milk', price: '100.00', deposit: '100.00' }] }, {}, 'DEPOSIT_NOT_BELOW_PRICE'],
    ['a deposit of 0', { items: [{ skuId: 'sku-milk', price: '100.00', deposit: '0.00' }] }, {}, 'ZERO_DEPOSIT'],
    ['deposit × leverage not whole cents (0.05 × 1.5)', { items: [{ skuId: 'sku-milk', price: '100.00', deposit: '0.05' }] }, {}, 'DEDUCTION_NOT_WHOLE_CENTS'],
    [
      'the balance window opening before the deposit window ends',
      { balanceWindow: { startsAt: at(60), endsAt: at(48 * 60) } },
      {},
      'BALANCE_BEFORE_DEPOSIT_ENDS',
    ],
    ['a deposit window that ends before it starts', { depositWindow: { startsAt: at(60), endsAt: at(30) } }, {}, 'EMPTY_WINDOW'],
    ['a balance window past the activity', { balanceWindow: { startsAt: at(24 * 60), endsAt: at(72 * 60) } }, {}, 'OUTSIDE_ACTIVITY'],
    [
      'a SKU listed twice',
      {
        items: [
          { skuId: 'x', price: '10.00', deposit: '1.00' },
          { skuId: 'x', price: '10.00', deposit: '1.00' },
        ],
      },
      {},
      'DUPLICATE_SKU',
    ],
    ['no items', { items: [] }, {}, 'EMPTY'],
  ])('%s is PROMOTION.INVALID_PRESALE', (_what, rule, over, reason) => {
    expect(() => Activity.create('p', aPresale(rule, over), at(0))).toThrow(
      expect.objectContaining({ code: 'PROMOTION.INVALID_PRESALE', kind: 'invalid', details: expect.objectContaining({ reason }) }),
    );
  });
});
