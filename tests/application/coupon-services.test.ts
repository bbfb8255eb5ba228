/**
 * The coupon context's published in-transaction services (issue #13): what placing, paying, cancelling and
 * refunding an order, and the checkout, ask of coupons inside their own transaction. They own the rules of
 * an order's coupons (keyed by the order, once each) and save through the store, which records the events.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMER_HISTORY } from '../../adapters/container/coupon.js';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import {
  lockCouponsForOrder,
  memberCouponsAt,
  releaseCouponsOfOrder,
  returnCouponsOfOrder,
  useCouponsOfOrder,
  type OrderCoupons,
} from '../../application/coupon/index.js';
import { COUPON_STORE } from '../../application/coupon/store.js';
import type { Transaction } from '../../application/shared/unit-of-work.js';
import type { CustomerHistory } from '../../domain/coupon/index.js';
import { day, ManualClock, thresholdFields } from '../domain/coupon/coupon-mothers.js';

const SERVICES = {
  lock: { run: lockCouponsForOrder, event: 'coupon.locked' },
  use: { run: useCouponsOfOrder, event: 'coupon.used' },
  release: { run: releaseCouponsOfOrder, event: 'coupon.released' },
  return: { run: returnCouponsOfOrder, event: 'coupon.returned' },
} as const satisfies Record<string, { run: (tx: Transaction, o: OrderCoupons) => Promise<unknown>; event: string }>;
type Action = keyof typeof SERVICES;

describe('the coupon services other contexts call in their transaction', () => {
  const clock = new ManualClock(day(1));
  let zt: Zhongtai;
  let templateId: string;
  const published: { type: string; orderId: unknown }[] = [];
  const inTx = <T>(work: (tx: Transaction) => Promise<T>) =>
    zt.persistence
      .unitOfWork({ publish: async (events) => void published.push(...events.map((e) => ({ type: e.type, orderId: e.payload.orderId }))) })
      .run(work);
  const versionOf = (couponId: string) => inTx(async (tx) => (await tx.use(COUPON_STORE).ownedCoupons.get(couponId))!.version);

  beforeAll(async () => {
    zt = createZhongtai({ clock });
    templateId = (
      await zt.coupons.createTemplate(thresholdFields({ totalQuantity: 100_000, perMemberLimit: 10_000, validity: { kind: 'relative', days: 30 } }))
    ).id;
  });

  it('an order’s coupon through its life: locked at placing, used when paid, returned on a full refund (CPN-2); the released one is usable again', async () => {
    const [a, b] = [await zt.coupons.claim({ templateId, memberId: 'life' }), await zt.coupons.claim({ templateId, memberId: 'life' })];
    const o = (orderId: string, couponIds: string[]): OrderCoupons => ({ couponIds, orderId, at: day(2) });
    await inTx((tx) => lockCouponsForOrder(tx, o('paid', [a.id])));
    await inTx((tx) => lockCouponsForOrder(tx, o('cancelled', [b.id])));
    await expect(inTx((tx) => lockCouponsForOrder(tx, o('late', [a.id])))).rejects.toMatchObject({ code: 'COUPON.LOCKED_BY_ANOTHER_ORDER' });
    await inTx((tx) => useCouponsOfOrder(tx, o('paid', [a.id])));
    await inTx((tx) => releaseCouponsOfOrder(tx, o('cancelled', [b.id])));
    // Only a coupon the order used comes back; another order's refund returns nothing.
    expect(await inTx((tx) => returnCouponsOfOrder(tx, o('cancelled', [a.id, b.id])))).toEqual([]);
    expect(await inTx((tx) => returnCouponsOfOrder(tx, o('paid', [a.id, b.id])))).toEqual([a.id]);
    expect(await inTx((tx) => returnCouponsOfOrder(tx, o('paid', [a.id])))).toEqual([]); // once per order
    const states = Object.fromEntries((await zt.coupons.listMemberCoupons({ memberId: 'life', at: day(2) })).map((c) => [c.id, c.state]));
    expect(states).toEqual({ [a.id]: 'returned', [b.id]: 'available' });
    await expect(inTx((tx) => lockCouponsForOrder(tx, o('ghost', ['no-such-coupon'])))).rejects.toThrow(/priced but not found/);
  });

  it('for any sequence of orders’ actions on a coupon, a refusal writes and records nothing, and a success saves the coupon only with its one event, once per order and action', async () => {
    let run = 0;
    const step = fc.record({ action: fc.constantFrom<Action>('lock', 'use', 'release', 'return'), orderId: fc.constantFrom('o1', 'o2') });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const coupon = await zt.coupons.claim({ templateId, memberId: `prop-${(run += 1)}` });
        const seen = new Set<string>();
        for (const { action, orderId } of steps) {
          const before = await versionOf(coupon.id);
          published.length = 0;
          const ok = await inTx(async (tx): Promise<unknown> => SERVICES[action].run(tx, { couponIds: [coupon.id], orderId, at: day(2) })).then(
            () => true,
            () => false,
          );
          const delta = (await versionOf(coupon.id)) - before;
          if (!ok) {
            expect([delta, published]).toEqual([0, []]);
            continue;
          }
          expect(published.length).toBe(delta);
          if (delta === 1) {
            expect(published[0]).toEqual({ type: SERVICES[action].event, orderId });
            expect(seen.has(`${action}:${orderId}`)).toBe(false);
            seen.add(`${action}:${orderId}`);
          }
          expect(delta).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the member’s coupons at a moment: each with its state then, and the pricing terms of those usable then (available or returned, within validity)', async () => {
    const [free, held, late] = [
      await zt.coupons.claim({ templateId, memberId: 'at' }),
      await zt.coupons.claim({ templateId, memberId: 'at' }),
      await zt.coupons.claim({ templateId, memberId: 'at' }),
    ];
    await inTx((tx) => lockCouponsForOrder(tx, { couponIds: [held.id], orderId: 'holder', at: day(2) }));
    const now = await inTx((tx) => memberCouponsAt(tx, 'at', day(2)));
    expect(Object.fromEntries(now.map((c) => [c.couponId, [c.state, c.terms?.id ?? null]]))).toEqual({
      [free.id]: ['available', free.id],
      [held.id]: ['locked', null],
      [late.id]: ['available', late.id],
    });
    expect(now.find((c) => c.couponId === free.id)!.terms).toEqual((await zt.coupons.forPricing({ memberId: 'at', at: day(2) })).find((c) => c.id === free.id));
    // Past validity (30 days from the claim), before any sweep: expired, and no terms.
    const after = await inTx((tx) => memberCouponsAt(tx, 'at', day(40)));
    expect(after.map((c) => [c.state, c.terms])).toEqual(expect.arrayContaining([['expired', null]]));
    expect(after.filter((c) => c.terms !== null)).toEqual([]);
  });
});

describe('the coupon context’s manifest', () => {
  it('the host’s CustomerHistory (createZhongtai({ coupons: { customers } })) is the port coupons ask and the one it provides to other contexts', async () => {
    const asked: string[] = [];
    const customers: CustomerHistory = { isNewCustomer: async (memberId) => (asked.push(memberId), memberId !== 'old-hand') };
    const zt = createZhongtai({ clock: new ManualClock(day(1)), coupons: { customers } });
    const { id } = await zt.coupons.createTemplate(thresholdFields({ name: '新人券', audience: 'new_customers' }));
    await expect(zt.coupons.claim({ templateId: id, memberId: 'old-hand' })).rejects.toMatchObject({ code: 'COUPON.NEW_CUSTOMERS_ONLY' });
    expect((await zt.coupons.claim({ templateId: id, memberId: 'newcomer' })).state).toBe('available');
    expect(asked).toEqual(['old-hand', 'newcomer']);
    expect(zt.container.get(CUSTOMER_HISTORY)).toBe(customers);
    expect(await createZhongtai().container.get(CUSTOMER_HISTORY).isNewCustomer('anyone')).toBe(true); // default: nobody ordered yet
  });
});
