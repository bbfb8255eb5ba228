// The cart's published in-transaction services (issue #13): what checkout and placing an order ask of the
// cart inside their own transaction, and the shop policy the cart's module provides to checkout.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cartLinesOf, removeOrderedLines } from '../../application/cart/index.js';
import type { CartOwner } from '../../domain/cart/index.js';
import { inTx } from '../adapters/contract/support.js';
import { cartWorld, SteppingClock, type CartSkus, type CartWorld } from '../support/cart-world.js';

const XIHU = '330106';
type Name = 'a1' | 'a2' | 'b1' | 'p1';
const NAMES: readonly Name[] = ['a1', 'a2', 'b1', 'p1'];

describe("the cart's published services (issue #13)", () => {
  let w: CartWorld;
  let clock: SteppingClock;
  let members = 0;
  const member = (): CartOwner => ({ kind: 'member', id: `member-${++members}` });
  const lines = (owner: CartOwner) => inTx(w.zt.persistence, (tx) => cartLinesOf(tx, owner));
  const fill = async (owner: CartOwner, names: readonly Name[]) => {
    for (const n of names) {
      clock.tick();
      await w.zt.cart.add({ owner, skuId: w.skus[n as keyof CartSkus], quantity: 1 });
    }
  };

  beforeAll(async () => {
    clock = new SteppingClock();
    w = await cartWorld({ clock });
  });

  it("cartLinesOf: an owner's stored lines, newest first; none for a member who never saved a cart", async () => {
    const owner = member();
    expect(await lines(owner)).toEqual([]);
    await fill(owner, ['a1', 'b1']);
    expect((await lines(owner)).map((l) => [l.skuId, l.quantity])).toEqual([
      [w.skus.b1, 1],
      [w.skus.a1, 1],
    ]);
  });

  it("removeOrderedLines: the ordered SKUs' lines leave the member's cart, the others stay; SKUs without a line change nothing", async () => {
    const owner = member();
    await fill(owner, ['a1', 'b1', 'p1']);
    const before = await w.zt.cart.view({ owner });
    await inTx(w.zt.persistence, (tx) => removeOrderedLines(tx, owner.id, [w.skus.a1, w.skus.p1, 'no-such-sku'], clock.now()));
    const after = await w.zt.cart.view({ owner });
    expect(after.shops.flatMap((s) => s.groups.flatMap((g) => g.lines.map((l) => l.skuId)))).toEqual([w.skus.b1]);
    expect(after.version).toBe(before.version + 1);
  });

  it('removeOrderedLines saves nothing when no line goes: a member without a cart keeps none, a cart without those SKUs keeps its version', async () => {
    const none = member();
    await inTx(w.zt.persistence, (tx) => removeOrderedLines(tx, none.id, [w.skus.a1], clock.now()));
    expect((await w.zt.cart.view({ owner: none })).version).toBe(0);
    const owner = member();
    await fill(owner, ['b1']);
    const version = (await w.zt.cart.view({ owner })).version;
    await inTx(w.zt.persistence, (tx) => removeOrderedLines(tx, owner.id, [w.skus.a1, w.skus.p1], clock.now()));
    expect((await w.zt.cart.view({ owner })).version).toBe(version);
  });

  it("removeOrderedLines writes in the caller's transaction: when the caller rolls back, the lines stay", async () => {
    const owner = member();
    await fill(owner, ['a1', 'b1']);
    const failing = inTx(w.zt.persistence, async (tx) => {
      await removeOrderedLines(tx, owner.id, [w.skus.a1], clock.now());
      throw new Error('the order could not be placed');
    });
    await expect(failing).rejects.toThrow('the order could not be placed');
    expect((await lines(owner)).map((l) => l.skuId)).toEqual([w.skus.b1, w.skus.a1]);
  });

  it('property: after removeOrderedLines the cart holds exactly its lines of the SKUs not ordered, in the same order, saved only when a line went', async () => {
    await fc.assert(
      fc.asyncProperty(fc.subarray([...NAMES]), fc.subarray([...NAMES]), async (held, ordered) => {
        const owner = member();
        await fill(owner, held);
        const before = await lines(owner);
        const version = (await w.zt.cart.view({ owner })).version;
        const orderedIds = new Set(ordered.map((n) => w.skus[n]));
        await inTx(w.zt.persistence, (tx) => removeOrderedLines(tx, owner.id, [...orderedIds], clock.now()));
        const kept = before.filter((l) => !orderedIds.has(l.skuId));
        expect((await lines(owner)).map((l) => l.skuId)).toEqual(kept.map((l) => l.skuId));
        expect((await w.zt.cart.view({ owner })).version).toBe(kept.length < before.length ? version + 1 : version);
      }),
      { numRuns: 40 },
    );
  });

  it("checkout takes the cart's shop policy (decision 0014): the host's purchase limit bounds a buy-now line as it bounds a cart line", async () => {
    const owner = member();
    const limit = { code: 'CART.QUANTITY_LIMIT', details: { max: 5, reason: 'purchase_limit' } };
    await expect(w.zt.cart.add({ owner, skuId: w.skus.b1, quantity: 6 })).rejects.toMatchObject(limit);
    await expect(w.zt.checkout.preview({ memberId: owner.id, address: XIHU, buyNow: { skuId: w.skus.b1, quantity: 6 } })).rejects.toMatchObject(limit);
  });
});
