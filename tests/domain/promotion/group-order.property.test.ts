/**
 * Which order a group buy takes (issue #12 finding 5, decision 0021), written from the rules:
 *
 * - open and join: the caller's own order (anything else — another member's, none — is "not found", so
 *   nobody learns whether someone else's order exists), not a split parent, still awaiting payment,
 *   and for the activity: every line is one the group's price applies to (the activity's shop and
 *   scope, and a SKU the group's tier prices);
 * - confirming a payment: an order some member joined the group with, still that member's, and paid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScopedLine } from '../../../domain/pricing/scope.js';
import type { ActivityDefinition } from '../../../domain/promotion/definition.js';
import { GroupBuy } from '../../../domain/promotion/group-buy.js';
import { groupOrderRejection, groupPaymentOrderRejection, type GroupOrder } from '../../../domain/promotion/group-order.js';
import { at } from '../../support/mothers.js';
import { aGroupBuy, aPublished, GROUP_SKU } from './promotion-mothers.js';

const line = (skuId: string, over: Partial<ScopedLine> = {}): ScopedLine => ({
  skuId,
  productId: `spu-${skuId}`,
  shopId: 'self',
  categoryIds: [],
  brandId: null,
  selfRun: false,
  tags: [],
  ...over,
});
const order = (over: Partial<GroupOrder> = {}): GroupOrder => ({
  id: 'o1',
  memberId: 'me',
  awaitingPayment: true,
  paid: false,
  split: false,
  lines: [line(GROUP_SKU)],
  ...over,
});

const activity = aPublished('gb', aGroupBuy());
const definition = activity.live!.definition;
const tier = GroupBuy.open({ id: 'g', activity, leader: { memberId: 'L' }, orderId: 'oL', now: at(0) }).toSnapshot().tier;
const check = (o: GroupOrder | null, memberId = 'me', d: ActivityDefinition = definition) =>
  groupOrderRejection({ activityId: 'gb', definition: d, tier, memberId, orderId: 'o1', order: o });

describe('group buys take only the caller’s own order, awaiting payment, for the activity', () => {
  it('property: an order passes exactly when it is the caller’s, unsplit, awaiting payment and every line is a priced SKU of the activity; otherwise the first failing rule answers', () => {
    const skus = fc.constantFrom(GROUP_SKU, 'sku-other', 'sku-cup');
    fc.assert(
      fc.property(
        fc.constantFrom('me', 'someone-else'),
        fc.boolean(),
        fc.boolean(),
        fc.array(skus, { maxLength: 3 }),
        fc.boolean(),
        (owner, awaitingPayment, split, lineSkus, exists) => {
          const o = exists ? order({ memberId: owner, awaitingPayment, paid: !awaitingPayment, split, lines: lineSkus.map((s) => line(s)) }) : null;
          const r = check(o);
          if (!exists || owner !== 'me') expect(r).toMatchObject({ code: 'PROMOTION.ORDER_NOT_FOUND', kind: 'not_found', details: { orderId: 'o1' } });
          else if (split) expect(r).toMatchObject({ code: 'PROMOTION.ORDER_NOT_ELIGIBLE', details: { reason: 'SPLIT_ORDER' } });
          else if (!awaitingPayment)
            expect(r).toMatchObject({ code: 'PROMOTION.ORDER_NOT_ELIGIBLE', kind: 'conflict', details: { reason: 'NOT_AWAITING_PAYMENT' } });
          else if (lineSkus.length === 0 || lineSkus.some((s) => s !== GROUP_SKU)) {
            expect(r).toMatchObject({
              code: 'PROMOTION.ORDER_NOT_ELIGIBLE',
              details: { reason: 'NOT_FOR_ACTIVITY', skuIds: lineSkus.filter((s) => s !== GROUP_SKU) },
            });
          } else expect(r).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('"for the activity" is the pricing engine’s coverage of the group’s tier: the activity’s shop and scope (categories, brands, tags …) as well as its priced SKUs', () => {
    const inShop = { ...definition, shopId: 'shop-a' };
    expect(check(order(), 'me', inShop)).toMatchObject({ details: { reason: 'NOT_FOR_ACTIVITY', skuIds: [GROUP_SKU] } });
    expect(check(order({ lines: [line(GROUP_SKU, { shopId: 'shop-a' })] }), 'me', inShop)).toBeNull();
    const teaOnly = { ...definition, scope: { kind: 'categories' as const, ids: ['tea'] } };
    expect(check(order(), 'me', teaOnly)).toMatchObject({ details: { reason: 'NOT_FOR_ACTIVITY' } });
    expect(check(order({ lines: [line(GROUP_SKU, { categoryIds: ['drinks', 'tea'] })] }), 'me', teaOnly)).toBeNull();
    // Two lines of the activity's SKU (say, two colours bought apart) are still the activity's order.
    expect(check(order({ lines: [line(GROUP_SKU), line(GROUP_SKU)] }))).toBeNull();
  });

  it('confirming a payment: only an order that joined the group (PROMOTION.ORDER_NOT_IN_GROUP), still its member’s (else not found), and paid (PROMOTION.ORDER_NOT_ELIGIBLE, NOT_PAID)', () => {
    const g = GroupBuy.open({ id: 'g', activity, leader: { memberId: 'me' }, orderId: 'o1', now: at(0) }).toSnapshot();
    const paid = order({ awaitingPayment: false, paid: true });
    expect(groupPaymentOrderRejection(g, 'o1', paid)).toBeNull();
    expect(groupPaymentOrderRejection(g, 'o2', { ...paid, id: 'o2' })).toMatchObject({ code: 'PROMOTION.ORDER_NOT_IN_GROUP', kind: 'not_found' });
    expect(groupPaymentOrderRejection(g, 'o1', null)).toMatchObject({ code: 'PROMOTION.ORDER_NOT_FOUND', kind: 'not_found' });
    expect(groupPaymentOrderRejection(g, 'o1', { ...paid, memberId: 'someone-else' })).toMatchObject({ code: 'PROMOTION.ORDER_NOT_FOUND' });
    expect(groupPaymentOrderRejection(g, 'o1', order())).toMatchObject({
      code: 'PROMOTION.ORDER_NOT_ELIGIBLE',
      kind: 'conflict',
      details: { reason: 'NOT_PAID' },
    });
    expect(groupPaymentOrderRejection(g, 'o1', order({ awaitingPayment: false, paid: false }))).toMatchObject({ details: { reason: 'NOT_PAID' } });
  });
});
