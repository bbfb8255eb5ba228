import { beforeEach, describe, expect, it } from 'vitest';
import { cartIdOf, type CartOwner } from '../../domain/cart/cart.js';
import type { ActivityInput } from '../../domain/promotion/definition.js';
import { aFullReduction } from '../domain/promotion/promotion-mothers.js';
import { at } from '../support/mothers.js';
import { cartWorld, SteppingClock, type CartWorld } from '../support/cart-world.js';

const member: CartOwner = { kind: 'member', id: 'm1' };

describe('cart use cases on memory', () => {
  let w: CartWorld;
  let clock: SteppingClock;
  beforeEach(async () => {
    clock = new SteppingClock(at(10));
    w = await cartWorld({ clock });
  });
  const add = async (skuId: string, quantity: number, owner = member) => {
    clock.tick();
    return w.zt.cart.add({ owner, skuId, quantity });
  };
  const publish = async (input: ActivityInput) => {
    const a = await w.zt.promotions.createActivity(input);
    await w.zt.promotions.submitActivity({ activityId: a.id, by: 'alice' });
    return w.zt.promotions.approveActivity({ activityId: a.id, by: 'bob' });
  };
  const stored = (owner: CartOwner) => w.zt.cart.view({ owner });

  it('CRT-1: the cart total is the engine’s payable with activity discounts and no coupons; lines group by shop, then by shared promotion, newest first', async () => {
    const reduction = await publish(aFullReduction({ scope: { kind: 'shops', ids: [w.brandA] } })); // 满300减40 in shop A
    const single = await publish(aFullReduction({ name: 'B1 at 45.00', rule: { kind: 'single_item', prices: [{ skuId: w.skus.b1, price: '45.00' }] } }));
    await add(w.skus.b1, 2);
    await add(w.skus.a2, 1);
    await add(w.skus.a1, 3);
    await w.zt.cart.select({ owner: member, scope: { kind: 'line', skuId: w.skus.a2 }, selected: false });
    // A coupon the member holds (cash 10.00 off anything) stays out of the cart total.
    const template = await w.zt.coupons.createTemplate({
      name: 'cash 10',
      kind: 'cash',
      amount: '10.00',
      validity: { kind: 'relative', days: 30 },
      claimWindow: { startsAt: at(0), endsAt: at(60 * 24) },
      totalQuantity: 10,
    } as Parameters<typeof w.zt.coupons.createTemplate>[0]);
    await w.zt.coupons.claim({ templateId: template.id, memberId: 'm1' });

    const view = await stored(member);
    const lines = [
      {
        lineId: w.skus.a1,
        skuId: w.skus.a1,
        productId: view.shops[0]!.groups[0]!.lines[0]!.product!.spuId,
        shopId: w.brandA,
        quantity: 3,
        unitPrice: '100.00',
      },
      { lineId: w.skus.b1, skuId: w.skus.b1, productId: view.shops[1]!.groups[0]!.lines[0]!.product!.spuId, shopId: w.brandB, quantity: 2, unitPrice: '50.00' },
    ];
    const engine = await w.zt.promotions.previewPrice({ lines, member: { memberId: 'm1', isNew: false, channel: 'app' } });
    const withCoupon = await w.zt.coupons.recommend({ memberId: 'm1', channel: 'app', lines });
    // By hand: 3 × 100.00 = 300.00 reaches 满300减40 → 260.00; B1 at 45.00 × 2 = 90.00; 350.00 in all.
    expect(view.totals).toMatchObject({ selectedLines: 2, selectedQuantity: 5 });
    expect(Object.fromEntries(Object.entries(view.totals).map(([k, v]) => [k, String(v)]))).toMatchObject({
      subtotal: '400.00',
      itemPriceDiscount: '10.00',
      activityDiscount: '40.00',
      payable: '350.00',
    });
    expect(view.totals.payable.equals(engine.totals.payable)).toBe(true);
    expect(withCoupon.recommendedCouponId).not.toBeNull(); // the coupon would apply at checkout, not here
    // Per line, the engine's breakdown; Σ line payable = the total.
    const a1 = view.shops[0]!.groups[0]!.lines[0]!;
    expect([a1.skuId, a1.pricing!.payable.toString(), a1.pricing!.discounts.map((d) => [d.id, d.amount.toString()])]).toEqual([
      w.skus.a1,
      '260.00',
      [[reduction.id, '40.00']],
    ]);
    const b1 = view.shops[1]!.groups[0]!.lines[0]!;
    expect([b1.skuId, b1.pricing!.itemPriceActivityId, b1.pricing!.payable.toString()]).toEqual([w.skus.b1, single.id, '90.00']);
    // Shops by their newest line (A: A1 last added), groups by shared promotion (the unselected A2 shares none).
    expect(view.shops.map((s) => [s.shopId, s.payable.toString(), s.groups.map((g) => [g.promotion?.id ?? null, g.lines.map((l) => l.skuId)])])).toEqual([
      [
        w.brandA,
        '260.00',
        [
          [reduction.id, [w.skus.a1]],
          [null, [w.skus.a2]],
        ],
      ],
      [w.brandB, '90.00', [[null, [w.skus.b1]]]],
    ]);
    expect(view.invalid).toEqual([]);
  });

  it('invalid lines (not listed, out of stock) are listed apart and cleared at once; a price change is flagged, not invalid', async () => {
    await add(w.skus.a1, 1);
    await add(w.skus.a2, 2);
    await add(w.skus.b1, 1);
    const spuOf = async (skuId: string) =>
      (await stored(member)).shops.flatMap((s) => s.groups.flatMap((g) => g.lines)).find((l) => l.skuId === skuId)!.product!.spuId;
    const b1Spu = await spuOf(w.skus.b1);
    const a1Spu = await spuOf(w.skus.a1);
    await w.zt.catalog.changeListing({ spuId: b1Spu, action: 'unlist' });
    await w.zt.inventory.changeStock({ skuId: w.skus.a2, reference: 'order-1', operation: { kind: 'lock', quantity: 3 } });
    await w.zt.catalog.changeSkuPrice({ spuId: a1Spu, skuId: w.skus.a1, salePrice: '90.00' });

    const view = await stored(member);
    expect(view.invalid.map((l) => [l.skuId, l.invalidReason])).toEqual([
      [w.skus.b1, 'not_listed'],
      [w.skus.a2, 'out_of_stock'],
    ]);
    const a1 = view.shops[0]!.groups[0]!.lines[0]!;
    expect([a1.skuId, a1.invalidReason, String(a1.priceChange?.was), String(a1.priceChange?.now), String(a1.priceChange?.difference)]).toEqual([
      w.skus.a1,
      null,
      '100.00',
      '90.00',
      '-10.00',
    ]);
    expect(view.totals.payable.toString()).toBe('90.00'); // invalid lines are never priced, even when selected

    await w.zt.cart.clearInvalid({ owner: member });
    const after = await stored(member);
    expect([after.lineCount, after.invalid.length]).toEqual([1, 0]);
  });

  it('a guest cart merges at login: quantities add, capped by stock and purchase limits; merging it again changes nothing', async () => {
    const { guestId } = await w.zt.cart.openGuestCart();
    const guest: CartOwner = { kind: 'guest', id: guestId };
    expect(guestId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await add(w.skus.a2, 2); // member
    await add(w.skus.b1, 3); // member
    await add(w.skus.a2, 2, guest); // 2 + 2 > 3 in stock → 3
    await add(w.skus.b1, 4, guest); // 3 + 4 > purchase limit 5 → 5
    await add(w.skus.p1, 7, guest); // only the guest had it → comes over as is
    const report = await w.zt.cart.mergeGuestCart({ memberId: 'm1', guestId });
    expect(report.merged).toEqual([
      { skuId: w.skus.p1, quantity: 7, capped: false },
      { skuId: w.skus.b1, quantity: 5, capped: true },
      { skuId: w.skus.a2, quantity: 3, capped: true },
    ]);
    const memberAfter = await stored(member);
    const guestAfter = await stored(guest);
    expect(guestAfter.lineCount).toBe(0);

    const again = await w.zt.cart.mergeGuestCart({ memberId: 'm1', guestId });
    expect([again.merged, again.skipped]).toEqual([[], []]);
    expect(await stored(member)).toEqual({ ...memberAfter, at: expect.any(Date) });
    expect((await stored(guest)).version).toBe(guestAfter.version);
  });

  it('bad input is refused with its code and writes nothing: unknown or unlisted SKU, quantity 0, fractional or above the limit, a guest id the server never made', async () => {
    await add(w.skus.a1, 1);
    const before = await stored(member);
    const cases: [string, number, string][] = [
      ['no-such-sku', 1, 'CART.UNKNOWN_SKU'],
      [w.skus.u1, 1, 'CART.SKU_NOT_LISTED'],
      [w.skus.a1, 0, 'CART.INVALID_QUANTITY'],
      [w.skus.a1, 1.5, 'CART.INVALID_QUANTITY'],
      [w.skus.a1, 999, 'CART.QUANTITY_LIMIT'], // 1 + 999 > 999
      [w.skus.b1, 6, 'CART.QUANTITY_LIMIT'], // purchase limit 5
      [w.skus.z1, 1, 'CART.OUT_OF_STOCK'],
    ];
    for (const [skuId, quantity, code] of cases) await expect(add(skuId, quantity), `${skuId} × ${quantity}`).rejects.toMatchObject({ code });
    await expect(w.zt.cart.add({ owner: { kind: 'guest', id: 'x'.repeat(32) }, skuId: w.skus.a1, quantity: 1 })).rejects.toMatchObject({
      code: 'CART.GUEST_CART_NOT_FOUND',
    });
    expect(await stored(member)).toEqual({ ...before, at: expect.any(Date) });
    expect(cartIdOf(member)).toBe('member:m1');
  });

  it('CART.FULL: a cart holds at most 120 lines', async () => {
    const leaf = await w.zt.catalog.createCategory({ name: 'Many' });
    for (let i = 0; i < 121; i++) {
      const spu = await w.zt.catalog.createSpu({ code: `M${i}`, title: `m${i}`, categoryId: leaf.id, salePrice: '1.00' });
      await w.zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
      await w.zt.inventory.configureStock({ skuId: spu.skus[0]!.id, virtual: true });
      const added = add(spu.skus[0]!.id, 1);
      if (i < 120) await added;
      else await expect(added).rejects.toMatchObject({ code: 'CART.FULL', kind: 'conflict' });
    }
    expect((await stored(member)).lineCount).toBe(120);
  });
});

describe('cart demo', () => {
  it("the demo member's cart: 3 lines from 2 shops; seeding again changes nothing", async () => {
    const { createZhongtai } = await import('../../adapters/container/create-zhongtai.js');
    const { seedDemo } = await import('../../adapters/demo/index.js');
    const { DEMO_MEMBER_ID } = await import('../../adapters/demo/cart.js');
    const zt = createZhongtai();
    await seedDemo(zt);
    const owner = { kind: 'member' as const, id: DEMO_MEMBER_ID };
    const first = await zt.cart.view({ owner });
    expect([first.lineCount, first.shops.length, first.invalid.length, first.version]).toEqual([3, 2, 0, 3]);
    await seedDemo(zt);
    expect((await zt.cart.view({ owner })).version).toBe(3);
  });
});
