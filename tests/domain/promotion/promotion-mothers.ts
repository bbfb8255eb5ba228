import { Activity } from '../../../domain/promotion/activity.js';
import type { ActivityInput, GroupBuyTerms } from '../../../domain/promotion/definition.js';
import type { DepositPresaleRule } from '../../../domain/promotion/presale.js';
import { at } from '../../support/mothers.js';

/** 满 300 减 40, 满 500 减 80 (tiered 满减) over every product, from minute 0 to one day later. */
export function aFullReduction(over: Partial<ActivityInput> = {}): ActivityInput {
  return {
    name: '满300减40',
    rule: {
      kind: 'full_reduction',
      rule: {
        mode: 'tiered',
        tiers: [
          { threshold: '300.00', off: '40.00' },
          { threshold: '500.00', off: '80.00' },
        ],
      },
    },
    startsAt: at(0),
    endsAt: at(24 * 60),
    ...over,
  };
}

export const GROUP_SKU = 'sku-tea';

/** A group buy on one SKU: 3 people pay 89.00, 5 people 79.00 (阶梯团); groups stay open 24 hours. */
export function aGroupBuy(over: Partial<ActivityInput> = {}, terms: Partial<GroupBuyTerms> = {}): ActivityInput {
  return {
    name: '三人团',
    rule: { kind: 'group_buy', prices: [{ skuId: GROUP_SKU, price: '89.00' }] },
    scope: { kind: 'skus', ids: [GROUP_SKU] },
    startsAt: at(0),
    endsAt: at(7 * 24 * 60),
    groupBuy: { type: 'normal', size: 3, hours: 24, ladder: [{ size: 5, prices: [{ skuId: GROUP_SKU, price: '79.00' }] }], ...terms },
    ...over,
  };
}

/** A bargain on one SKU from 100.00 down to 10.00 with 5 helpers, open 24 hours. */
export function aBargain(over: Partial<ActivityInput> = {}, rule: Record<string, unknown> = {}): ActivityInput {
  return {
    name: '砍价免费拿',
    rule: { kind: 'bargain', skuId: 'sku-cup', originalPrice: '100.00', floorPrice: '10.00', maxHelpers: 5, hours: 24, ...rule } as ActivityInput['rule'],
    startsAt: at(0),
    endsAt: at(3 * 24 * 60),
    ...over,
  };
}

/** An activity taken through review: created, submitted (by `mia`) and approved (by `rex`: four eyes) at minute `minute`. */
export function aPublished(id: string, input: ActivityInput, minute = 0): Activity {
  const a = Activity.create(id, input, at(minute), { by: 'mia' });
  a.submit(at(minute), { by: 'mia' });
  a.approve(at(minute), { by: 'rex' });
  a.pullEvents();
  return a;
}

/** 定金预售 on the 800g milk powder: final price 599.00, deposit 100.00 worth 150.00; deposit for a day, balance the day after. */
export function aPresale(rule: Partial<DepositPresaleRule> = {}, over: Partial<ActivityInput> = {}): ActivityInput {
  return {
    name: '双11预售',
    rule: {
      kind: 'deposit_presale',
      items: [{ skuId: 'sku-milk', price: '599.00', deposit: '100.00' }],
      leverage: '1.5',
      depositWindow: { startsAt: at(0), endsAt: at(24 * 60) },
      balanceWindow: { startsAt: at(24 * 60), endsAt: at(48 * 60) },
      ...rule,
    },
    scope: { kind: 'skus', ids: ['sku-milk'] },
    startsAt: at(0),
    endsAt: at(48 * 60),
    ...over,
  };
}
