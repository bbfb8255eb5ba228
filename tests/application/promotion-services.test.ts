import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { TOKENS } from '../../adapters/container/tokens.js';
import { consumePurchaseLimit, promotionsForPricing, releasePurchaseLimits, servingActivities } from '../../application/promotion/index.js';
import type { UnitOfWork } from '../../application/shared/unit-of-work.js';
import { createZhongtai, type Zhongtai } from '../../index.js';
import { aBargain, aFullReduction, aGroupBuy } from '../domain/promotion/promotion-mothers.js';
import { at } from '../support/mothers.js';

const SKU = 'sku-milk';

/**
 * The promotion context's published in-transaction services (issue #13), as the cart, checkout and
 * ordering call them inside their own transactions.
 */
describe('promotion: published services', () => {
  let zt: Zhongtai;
  let uow: UnitOfWork;
  const now = at(10);
  beforeEach(() => {
    zt = createZhongtai({ clock: { now: () => now } });
    uow = zt.container.get(TOKENS.UnitOfWork);
  });
  const publish = async (input: Parameters<Zhongtai['promotions']['createActivity']>[0]) => {
    const a = await zt.promotions.createActivity(input);
    await zt.promotions.submitActivity({ activityId: a.id, by: 'alice' });
    return zt.promotions.approveActivity({ activityId: a.id, by: 'bob' });
  };
  const flashSale = (perMemberLimit: number | null = 3) =>
    publish({
      name: '秒杀',
      rule: { kind: 'flash_sale', prices: [{ skuId: SKU, price: '9.90' }] },
      scope: { kind: 'skus', ids: [SKU] },
      startsAt: at(0),
      endsAt: at(24 * 60),
      perMemberLimit,
    });

  it('servingActivities: the pricing input of what serves now — group-buy prices (only inside a group), bargains, an exhausted budget and a voided activity left out', async () => {
    const reduction = await publish(aFullReduction());
    const flash = await flashSale();
    await publish({ ...aGroupBuy(), perMemberLimit: 2 });
    await publish(aBargain());
    const spent = await publish({ ...aFullReduction(), name: '预算用完', budget: '10.00' });
    await zt.promotions.chargeBudget({ activityId: spent.id, reference: 'o1', amount: '10.00' });
    const voided = await publish({ ...aFullReduction(), name: '作废' });
    await zt.promotions.voidActivity({ activityId: voided.id });
    const serving = await uow.run((tx) => servingActivities(tx, now));
    expect(serving.map((a) => a.id).sort()).toEqual([reduction.id, flash.id].sort());
    expect(serving.find((a) => a.id === flash.id)).toMatchObject({ kind: 'flash_sale', prices: [{ skuId: SKU, price: '9.90' }] });
  });

  it('promotionsForPricing: the serving activities and, for a member, every limited allowance; the engine gets the limits of priced activities only', async () => {
    const flash = await flashSale(3);
    const group = await publish({ ...aGroupBuy(), perMemberLimit: 2 });
    await uow.run((tx) => consumePurchaseLimit(tx, { activityId: flash.id, memberId: 'm1', reference: 'o1', quantity: 2 }, now));
    const forM1 = await uow.run((tx) => promotionsForPricing(tx, now, 'm1'));
    expect(forM1.activities.map((a) => a.id)).toEqual([flash.id]);
    expect(forM1.allowances.map((x) => [x.activityId, x.used, x.remaining]).sort()).toEqual(
      [
        [flash.id, 2, 1],
        [group.id, 0, 2],
      ].sort(),
    );
    expect(forM1.purchaseLimits).toEqual([{ activityId: flash.id, remaining: 1 }]);
    const anonymous = await uow.run((tx) => promotionsForPricing(tx, now, undefined));
    expect([anonymous.activities.length, anonymous.allowances, anonymous.purchaseLimits]).toEqual([1, [], []]);
  });

  it("consumePurchaseLimit inside the caller's transaction rolls back with it; a refusal is PROMOTION.PURCHASE_LIMIT_REACHED and takes nothing", async () => {
    const flash = await flashSale(3);
    await expect(
      uow.run(async (tx) => {
        await consumePurchaseLimit(tx, { activityId: flash.id, memberId: 'm1', reference: 'o1', quantity: 3 }, now);
        throw new Error('the order failed after consuming');
      }),
    ).rejects.toThrow('the order failed');
    expect(await zt.promotions.purchaseAllowance({ activityId: flash.id, memberId: 'm1' })).toMatchObject({ used: 0, remaining: 3 });
    await uow.run((tx) => consumePurchaseLimit(tx, { activityId: flash.id, memberId: 'm1', reference: 'o1', quantity: 2 }, now));
    await expect(uow.run((tx) => consumePurchaseLimit(tx, { activityId: flash.id, memberId: 'm1', reference: 'o2', quantity: 2 }, now))).rejects.toMatchObject({
      code: 'PROMOTION.PURCHASE_LIMIT_REACHED',
      kind: 'conflict',
      details: { used: 2, remaining: 1, requested: 2 },
    });
    expect(await zt.promotions.purchaseAllowance({ activityId: flash.id, memberId: 'm1' })).toMatchObject({ used: 2, remaining: 1 });
  });

  it('property: whatever orders consume and release, a member never passes the limit and holds exactly what the unreleased first consumptions took', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('consume' as const), order: fc.integer({ min: 1, max: 4 }), quantity: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant('release' as const), order: fc.integer({ min: 1, max: 4 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        zt = createZhongtai({ clock: { now: () => now } });
        uow = zt.container.get(TOKENS.UnitOfWork);
        const LIMIT = 4;
        const flash = await flashSale(LIMIT);
        // The model: what each order took (its first consumption), and whether it was given back.
        const taken = new Map<string, { quantity: number; released: boolean }>();
        const held = () => [...taken.values()].reduce((n, t) => n + (t.released ? 0 : t.quantity), 0);
        for (const o of ops) {
          const reference = `o${o.order}`;
          if (o.kind === 'release') {
            await uow.run((tx) => releasePurchaseLimits(tx, [flash.id, 'no-such-activity'], reference));
            const t = taken.get(reference);
            if (t) t.released = true;
            continue;
          }
          const fits = taken.has(reference) || held() + o.quantity <= LIMIT;
          const outcome = uow.run((tx) => consumePurchaseLimit(tx, { activityId: flash.id, memberId: 'm1', reference, quantity: o.quantity }, now));
          if (fits) {
            const r = await outcome;
            expect(r.replayed).toBe(taken.has(reference));
            if (!taken.has(reference)) taken.set(reference, { quantity: o.quantity, released: false });
          } else {
            await expect(outcome).rejects.toMatchObject({ code: 'PROMOTION.PURCHASE_LIMIT_REACHED' });
          }
          const allowance = await zt.promotions.purchaseAllowance({ activityId: flash.id, memberId: 'm1' });
          expect(allowance.used).toBe(held());
          expect(allowance.used).toBeLessThanOrEqual(LIMIT);
        }
      }),
      { numRuns: 100 },
    );
  });
});
