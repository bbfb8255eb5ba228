import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Persistence } from '../../application/shared/persistence.js';
import { CART_STORE } from '../../application/cart/store.js';
import { cartIdOf, type CartOwner } from '../../domain/cart/cart.js';
import { isDomainError } from '../../domain/shared/domain-error.js';
import { cartWorld, SteppingClock, type CartSkus, type CartWorld } from '../support/cart-world.js';
import { inTx } from './contract/support.js';

type Sku = keyof CartSkus | 'nope';
type OwnerName = 'm1' | 'm2' | 'g1' | 'g2';
interface MLine {
  qty: number;
  selected: boolean;
  at: number;
}
/** The model: per owner, the lines by SKU name, with the rules of spec §4 written out again here. */
type Model = Record<OwnerName, Map<Sku, MLine>>;

/** What the world allows per line (999, the purchase limit of B1, the stock of A2); U1 unlisted, Z1 out of stock. */
const MAX: Record<Sku, number> = { a1: 999, a2: 3, b1: 5, p1: 999, u1: 0, z1: 0, nope: 0 };
const SKUS: readonly Sku[] = ['a1', 'a2', 'b1', 'p1', 'u1', 'z1', 'nope'];

interface Real {
  world: CartWorld;
  persistence: Persistence;
  clock: SteppingClock;
  owners: Record<OwnerName, CartOwner>;
}

const skuId = (r: Real, s: Sku) => (s === 'nope' ? 'no-such-sku' : r.world.skus[s]);
const codeOf = async (p: Promise<unknown>): Promise<string | null> =>
  p.then(
    () => null,
    (e: unknown) => {
      if (isDomainError(e)) return e.code;
      throw e;
    },
  );
const isWholePositive = (q: number) => Number.isInteger(q) && q >= 1;

/** After every command: the stored cart of each owner the command touched equals the model, newest first. */
async function check(m: Model, r: Real, touched: readonly OwnerName[]): Promise<void> {
  for (const o of touched) {
    const cart = await inTx(r.persistence, (tx) => tx.use(CART_STORE).carts.get(cartIdOf(r.owners[o])));
    const actual = (cart?.lines ?? []).map((l) => [l.skuId, l.quantity, l.selected]);
    const expected = [...m[o]].sort(([, a], [, b]) => b.at - a.at).map(([s, l]) => [skuId(r, s), l.qty, l.selected]);
    expect(actual, `cart of ${o}`).toEqual(expected);
  }
}

class Add implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: OwnerName,
    readonly sku: Sku,
    readonly qty: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    r.clock.tick();
    const line = m[this.owner].get(this.sku);
    const total = (line?.qty ?? 0) + this.qty;
    const want =
      this.sku === 'nope'
        ? 'CART.UNKNOWN_SKU'
        : this.sku === 'u1'
          ? 'CART.SKU_NOT_LISTED'
          : !isWholePositive(this.qty)
            ? 'CART.INVALID_QUANTITY'
            : total > MAX[this.sku]
              ? MAX[this.sku] === 0
                ? 'CART.OUT_OF_STOCK'
                : 'CART.QUANTITY_LIMIT'
              : null;
    expect(await codeOf(r.world.zt.cart.add({ owner: r.owners[this.owner], skuId: skuId(r, this.sku), quantity: this.qty }))).toBe(want);
    if (want === null) m[this.owner].set(this.sku, { qty: total, selected: true, at: r.clock.now().getTime() });
    await check(m, r, [this.owner]);
  }
  toString = () => `add(${this.owner}, ${this.sku}, ${this.qty})`;
}

class Change implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: OwnerName,
    readonly sku: Sku,
    readonly qty: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    r.clock.tick();
    const line = m[this.owner].get(this.sku);
    const want = !isWholePositive(this.qty)
      ? 'CART.INVALID_QUANTITY'
      : !line
        ? 'CART.LINE_NOT_FOUND'
        : this.qty > line.qty && this.qty > MAX[this.sku]
          ? 'CART.QUANTITY_LIMIT'
          : null;
    expect(await codeOf(r.world.zt.cart.changeQuantity({ owner: r.owners[this.owner], skuId: skuId(r, this.sku), quantity: this.qty }))).toBe(want);
    if (want === null) line!.qty = this.qty; // lowering below a limit is always allowed; the time stays
    await check(m, r, [this.owner]);
  }
  toString = () => `change(${this.owner}, ${this.sku}, ${this.qty})`;
}

class Remove implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: OwnerName,
    readonly sku: Sku,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    r.clock.tick();
    const want = m[this.owner].has(this.sku) ? null : 'CART.LINE_NOT_FOUND';
    expect(await codeOf(r.world.zt.cart.remove({ owner: r.owners[this.owner], skuId: skuId(r, this.sku) }))).toBe(want);
    m[this.owner].delete(this.sku);
    await check(m, r, [this.owner]);
  }
  toString = () => `remove(${this.owner}, ${this.sku})`;
}

type Scope = { kind: 'line'; sku: Sku } | { kind: 'shop'; shop: 'A' | 'B' | 'platform' } | { kind: 'all' };

class Select implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: OwnerName,
    readonly scope: Scope,
    readonly selected: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    r.clock.tick();
    const s = this.scope;
    const shopId = (x: 'A' | 'B' | 'platform') => (x === 'A' ? r.world.brandA : x === 'B' ? r.world.brandB : 'platform');
    const want = s.kind === 'line' && !m[this.owner].has(s.sku) ? 'CART.LINE_NOT_FOUND' : null;
    const scope =
      s.kind === 'line'
        ? { kind: 'line' as const, skuId: skuId(r, s.sku) }
        : s.kind === 'shop'
          ? { kind: 'shop' as const, shopId: shopId(s.shop) }
          : { kind: 'all' as const };
    expect(await codeOf(r.world.zt.cart.select({ owner: r.owners[this.owner], scope, selected: this.selected }))).toBe(want);
    if (want === null) {
      for (const [sku, line] of m[this.owner]) {
        const inScope = s.kind === 'all' || (s.kind === 'line' ? s.sku === sku : sku !== 'nope' && r.world.shopOf[sku] === shopId(s.shop));
        if (inScope) line.selected = this.selected;
      }
    }
    await check(m, r, [this.owner]);
  }
  toString = () => `select(${this.owner}, ${JSON.stringify(this.scope)}, ${this.selected})`;
}

class Merge implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly member: 'm1' | 'm2',
    readonly guest: 'g1' | 'g2',
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    r.clock.tick();
    const mine = m[this.member];
    for (const [sku, g] of [...m[this.guest]].sort(([, a], [, b]) => b.at - a.at)) {
      const have = mine.get(sku);
      if (have)
        mine.set(sku, { qty: Math.max(have.qty, Math.min(have.qty + g.qty, MAX[sku])), selected: have.selected || g.selected, at: Math.max(have.at, g.at) });
      else mine.set(sku, { ...g, qty: Math.min(g.qty, MAX[sku]) });
    }
    m[this.guest].clear();
    await r.world.zt.cart.mergeGuestCart({ memberId: r.owners[this.member].id, guestId: r.owners[this.guest].id });
    await check(m, r, [this.member, this.guest]);
  }
  toString = () => `merge(${this.guest} → ${this.member})`;
}

const owner = fc.constantFrom<OwnerName>('m1', 'm2', 'g1', 'g2');
const sku = fc.constantFrom(...SKUS);
const qty = fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constantFrom(0, 6, 999, 1000, 1.5));
const commands = [
  fc.tuple(owner, sku, qty).map(([o, s, q]) => new Add(o, s, q)),
  fc.tuple(owner, sku, qty).map(([o, s, q]) => new Add(o, s, Math.abs(Math.trunc(q)) || 1)),
  fc.tuple(owner, sku, qty).map(([o, s, q]) => new Change(o, s, q)),
  fc.tuple(owner, sku).map(([o, s]) => new Remove(o, s)),
  fc
    .tuple(
      owner,
      fc.oneof(
        sku.map((s): Scope => ({ kind: 'line', sku: s })),
        fc.constantFrom<'A' | 'B' | 'platform'>('A', 'B', 'platform').map((shop): Scope => ({ kind: 'shop', shop })),
        fc.constant<Scope>({ kind: 'all' }),
      ),
      fc.boolean(),
    )
    .map(([o, s, b]) => new Select(o, s, b)),
  fc.tuple(fc.constantFrom<'m1' | 'm2'>('m1', 'm2'), fc.constantFrom<'g1' | 'g2'>('g1', 'g2')).map(([mm, g]) => new Merge(mm, g)),
];

export interface CartModelBackend {
  readonly persistence: Persistence;
  /** Deletes every cart (the catalog and stock stay) before each run. */
  clearCarts(): Promise<void>;
}

/**
 * Model-based test of the cart (spec §4) through the use cases on one adapter: random sequences of add,
 * change, remove, select (line, shop, all) and merge over two members and two guests, each checked
 * against the model, codes included.
 */
export function cartModelSuite(name: string, backend: () => Promise<CartModelBackend>, runs: number): void {
  describe(`cart model — ${name}`, () => {
    let real: Real;
    let b: CartModelBackend;
    beforeAll(async () => {
      b = await backend();
      const clock = new SteppingClock();
      const world = await cartWorld({ persistence: b.persistence, clock });
      real = { world, persistence: b.persistence, clock, owners: {} as Record<OwnerName, CartOwner> };
    }, 60_000);
    afterAll(() => b?.persistence.close());

    it(`spec §4: add, change quantity, remove, select (line, shop, all) and merge behave as the model (${runs} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 25 }), async (cmds) => {
          await b.clearCarts();
          const guest = async (): Promise<CartOwner> => ({ kind: 'guest', id: (await real.world.zt.cart.openGuestCart()).guestId });
          real.owners = { m1: { kind: 'member', id: 'm1' }, m2: { kind: 'member', id: 'm2' }, g1: await guest(), g2: await guest() };
          const model: Model = { m1: new Map(), m2: new Map(), g1: new Map(), g2: new Map() };
          await fc.asyncModelRun(() => ({ model, real }), cmds);
        }),
        { numRuns: runs },
      );
    }, 600_000);
  });
}
