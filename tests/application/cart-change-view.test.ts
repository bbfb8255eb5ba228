import { describe, expect, it } from 'vitest';
import { memoryPersistence } from '../../adapters/persistence/memory/index.js';
import type { Persistence } from '../../application/shared/persistence.js';
import type { CartOwner } from '../../domain/cart/cart.js';
import { cartWorld, SteppingClock } from '../support/cart-world.js';
import { at } from '../support/mothers.js';

const member: CartOwner = { kind: 'member', id: 'm1' };

/** A persistence that counts the units of work its use cases run. */
function counted(): { persistence: Persistence; units: () => number } {
  const inner = memoryPersistence();
  let units = 0;
  const persistence: Persistence = {
    ...inner,
    unitOfWork: (publisher, routing) => {
      const uow = inner.unitOfWork(publisher, routing);
      return {
        run: (work) => {
          units += 1;
          return uow.run(work);
        },
      };
    },
  };
  return { persistence, units: () => units };
}

// Issue #14: a cart change answers the cart view from its own transaction, not a change and then a view.
describe('a cart change given `view` answers the view after the change, in one unit of work', () => {
  it('add, change quantity, select, remove and clear invalid each answer what a separate view then shows, running one unit of work', async () => {
    const { persistence, units } = counted();
    const w = await cartWorld({ persistence, clock: new SteppingClock(at(10)) });
    const once = async <T>(change: () => Promise<T>): Promise<T> => {
      const before = units();
      const answer = await change();
      expect(units() - before).toBe(1);
      expect(answer).toEqual(await w.zt.cart.view({ owner: member }));
      return answer;
    };

    const added = await once(() => w.zt.cart.add({ owner: member, skuId: w.skus.a1, quantity: 2, view: {} }));
    expect(added.shops.flatMap((s) => s.groups.flatMap((g) => g.lines.map((l) => [l.skuId, l.quantity])))).toEqual([[w.skus.a1, 2]]);
    await once(() => w.zt.cart.add({ owner: member, skuId: w.skus.b1, quantity: 1, view: { channel: 'app' } }));
    const changed = await once(() => w.zt.cart.changeQuantity({ owner: member, skuId: w.skus.a1, quantity: 3, view: {} }));
    expect(changed.shops.flatMap((s) => s.groups.flatMap((g) => g.lines)).find((l) => l.skuId === w.skus.a1)?.quantity).toBe(3);
    await once(() => w.zt.cart.select({ owner: member, scope: { kind: 'line', skuId: w.skus.b1 }, selected: false, view: {} }));
    const removed = await once(() => w.zt.cart.remove({ owner: member, skuId: w.skus.b1, view: {} }));
    expect(removed.shops.flatMap((s) => s.groups.flatMap((g) => g.lines.map((l) => l.skuId)))).toEqual([w.skus.a1]);
    await once(() => w.zt.cart.clearInvalid({ owner: member, view: {} }));
  });

  it('without `view`, a change answers the cart snapshot as before', async () => {
    const w = await cartWorld({ clock: new SteppingClock(at(10)) });
    const snapshot = await w.zt.cart.add({ owner: member, skuId: w.skus.a1, quantity: 2 });
    expect(snapshot.lines.map((l) => [l.skuId, l.quantity])).toEqual([[w.skus.a1, 2]]);
  });
});
