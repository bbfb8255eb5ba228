import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populateCartWorld, type CartWorld } from '../support/cart-world.js';
import { startTestServer, type TestServer } from '../support/http.js';

describe('carts over HTTP', () => {
  let s: TestServer;
  let w: CartWorld;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    s = await startTestServer();
    w = await populateCartWorld(s.zt);
    alice = s.token({ subject: 'alice', kind: 'member', roles: [] });
    bob = s.token({ subject: 'bob', kind: 'member', roles: [] });
  }, 60_000);
  afterAll(() => s.close());

  const mine = (token: string) => s.request('GET', '/me/cart', { token });
  const skusOf = (cart: any): string[] => [...cart.shops.flatMap((x: any) => x.groups.flatMap((g: any) => g.lines)), ...cart.invalid].map((l: any) => l.skuId);

  it('a member adds, changes, selects and removes lines of their own cart; every answer is the refreshed cart', async () => {
    const added = await s.request('POST', '/me/cart/lines', { token: alice, body: { skuId: w.skus.a1, quantity: 2 } });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      cartId: 'member:alice',
      owner: { kind: 'member', id: 'alice' },
      version: 1,
      lineCount: 1,
      totals: { payable: '200.00', selectedQuantity: 2 },
    });
    await s.request('POST', '/me/cart/lines', { token: alice, body: { skuId: w.skus.b1, quantity: 1 } });
    const changed = await s.request('PATCH', `/me/cart/lines/${w.skus.a1}`, { token: alice, body: { quantity: 3 } });
    expect(changed.body.totals.payable).toBe('350.00');
    const shopOff = await s.request('POST', '/me/cart/selection', { token: alice, body: { scope: 'shop', shopId: w.brandB, selected: false } });
    // Shops by their newest line: B1 was added last (changing a quantity does not move a line).
    expect([shopOff.body.totals.payable, shopOff.body.shops.map((x: any) => x.shopId)]).toEqual(['300.00', [w.brandB, w.brandA]]);
    const allOn = await s.request('POST', '/me/cart/selection', { token: alice, body: { scope: 'all', selected: true } });
    expect(allOn.body.totals.payable).toBe('350.00');
    const removed = await s.request('DELETE', `/me/cart/lines/${w.skus.b1}`, { token: alice });
    expect(skusOf(removed.body)).toEqual([w.skus.a1]);
  });

  it('a member never reads or changes another member’s cart: the owner is always the token’s subject', async () => {
    await s.request('POST', '/me/cart/lines', { token: bob, body: { skuId: w.skus.p1, quantity: 4 } });
    const aliceBefore = (await mine(alice)).body;
    const bobCart = (await mine(bob)).body;
    expect([bobCart.cartId, skusOf(bobCart)]).toEqual(['member:bob', [w.skus.p1]]);
    expect(skusOf(aliceBefore)).not.toContain(w.skus.p1);
    // Bob acting on a SKU only Alice has touches his own cart only: not found there.
    const remove = await s.request('DELETE', `/me/cart/lines/${w.skus.a1}`, { token: bob });
    expect([remove.status, remove.body.code]).toEqual([404, 'CART.LINE_NOT_FOUND']);
    const change = await s.request('PATCH', `/me/cart/lines/${w.skus.a1}`, { token: bob, body: { quantity: 1 } });
    expect([change.status, change.body.code]).toEqual([404, 'CART.LINE_NOT_FOUND']);
    // No route takes a member id: extra fields are refused, and the query cannot name another cart.
    const smuggled = await s.request('POST', '/me/cart/lines', { token: bob, body: { skuId: w.skus.a2, quantity: 1, memberId: 'alice' } });
    expect([smuggled.status, smuggled.body.code]).toEqual([400, 'VALIDATION.FAILED']);
    expect((await s.request('GET', '/me/cart?memberId=alice', { token: bob })).body.cartId).toBe('member:bob');
    // A member cannot merge another member's cart either: only guest ids are accepted, and Alice's is no guest cart.
    const merge = await s.request('POST', '/me/cart/merge', { token: bob, body: { guestId: 'member:alice' } });
    expect([merge.status, merge.body.code]).toEqual([400, 'VALIDATION.FAILED']);
    expect((await mine(alice)).body).toEqual({ ...aliceBefore, at: expect.any(String) });
    // Without a member token there is no /me/cart at all.
    expect((await s.request('GET', '/me/cart')).status).toBe(401);
    expect((await s.request('GET', '/me/cart', { token: s.staffToken })).status).toBe(403);
  });

  it('guest cart: opened by the server (unguessable id), used by its id, merged at login; a second merge changes nothing', async () => {
    const opened = await s.request('POST', '/guest/carts');
    expect(opened.status).toBe(201);
    const guestId: string = opened.body.guestId;
    expect(guestId).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes = 192 bits
    expect((await s.request('POST', '/guest/carts')).body.guestId).not.toBe(guestId);
    const added = await s.request('POST', `/guest/carts/${guestId}/lines`, { body: { skuId: w.skus.a2, quantity: 3 } });
    expect([added.status, added.body.cartId, added.body.totals.payable]).toEqual([200, `guest:${guestId}`, '90.00']);
    const invented = await s.request('GET', `/guest/carts/${'A'.repeat(32)}`);
    expect([invented.status, invented.body.code]).toEqual([404, 'CART.GUEST_CART_NOT_FOUND']);

    const carol = s.token({ subject: 'carol', kind: 'member', roles: [] });
    await s.request('POST', '/me/cart/lines', { token: carol, body: { skuId: w.skus.a2, quantity: 2 } });
    const merged = await s.request('POST', '/me/cart/merge', { token: carol, body: { guestId } });
    expect(merged.status).toBe(200);
    expect(merged.body.merged).toEqual([{ skuId: w.skus.a2, quantity: 3, capped: true }]); // 2 + 3, only 3 in stock
    expect(merged.body.cart.version).toBe(2);
    const again = await s.request('POST', '/me/cart/merge', { token: carol, body: { guestId } });
    expect([again.body.merged, again.body.cart.version, again.body.cart.lineCount]).toEqual([[], 2, 1]);
    expect((await s.request('GET', `/guest/carts/${guestId}`)).body).toMatchObject({ lineCount: 0, version: 3 }); // opened, added to, emptied by the first merge
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ['an unknown SKU', { skuId: 'no-such-sku', quantity: 1 }, 404, 'CART.UNKNOWN_SKU'],
    ['an unlisted SKU', { skuId: 'U1', quantity: 1 }, 409, 'CART.SKU_NOT_LISTED'],
    ['quantity 0', { skuId: 'A1', quantity: 0 }, 422, 'CART.INVALID_QUANTITY'],
    ['a fractional quantity', { skuId: 'A1', quantity: 0.5 }, 422, 'CART.INVALID_QUANTITY'],
    ['a quantity above the limit', { skuId: 'A1', quantity: 1000 }, 422, 'CART.QUANTITY_LIMIT'],
    ['more than in stock', { skuId: 'A2', quantity: 4 }, 422, 'CART.QUANTITY_LIMIT'],
    ['an out-of-stock SKU', { skuId: 'Z1', quantity: 1 }, 409, 'CART.OUT_OF_STOCK'],
    ['a quantity that is not a number', { skuId: 'A1', quantity: '2' }, 400, 'VALIDATION.FAILED'],
  ])('bad input — %s → a 4xx problem+json with its code, nothing written', async (_name, body, status, code) => {
    const dave = s.token({ subject: `dave-${code}-${status}`, kind: 'member', roles: [] });
    await s.request('POST', '/me/cart/lines', { token: dave, body: { skuId: w.skus.p1, quantity: 1 } });
    const before = (await mine(dave)).body;
    const named = String(body.skuId);
    const skuId = named in { A1: 1, A2: 1, U1: 1, Z1: 1 } ? w.skus[named.toLowerCase() as 'a1'] : named;
    const res = await s.request('POST', '/me/cart/lines', { token: dave, body: { ...body, skuId } });
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const after = (await mine(dave)).body;
    expect([after.version, skusOf(after)]).toEqual([before.version, [w.skus.p1]]);
    // The same through a change of quantity.
    if (code === 'CART.INVALID_QUANTITY' || code === 'CART.QUANTITY_LIMIT') {
      const patch = await s.request('PATCH', `/me/cart/lines/${w.skus.p1}`, { token: dave, body: { quantity: body.quantity === 4 ? 1000 : body.quantity } });
      expect([patch.status, patch.body.code]).toEqual([422, code]);
      expect((await mine(dave)).body.version).toBe(before.version);
    }
  });

  it('invalid lines are cleared at once over HTTP; OpenAPI documents every cart route', async () => {
    const erin = s.token({ subject: 'erin', kind: 'member', roles: [] });
    await s.request('POST', '/me/cart/lines', { token: erin, body: { skuId: w.skus.a2, quantity: 1 } });
    await s.zt.inventory.changeStock({ skuId: w.skus.a2, reference: 'http-lock', operation: { kind: 'lock', quantity: 3 } });
    const view = (await mine(erin)).body;
    expect(view.invalid.map((l: any) => [l.skuId, l.invalidReason, l.stock.state])).toEqual([[w.skus.a2, 'out_of_stock', 'out_of_stock']]);
    const cleared = await s.request('DELETE', '/me/cart/invalid-lines', { token: erin });
    expect([cleared.status, cleared.body.lineCount]).toEqual([200, 0]);
    await s.zt.inventory.changeStock({ skuId: w.skus.a2, reference: 'http-unlock', operation: { kind: 'unlock', quantity: 3, lockReference: 'http-lock' } });

    const doc = (await s.request('GET', '/openapi.json')).body;
    const ops = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, m]) => Object.keys(m).map((x) => `${x} ${p}`));
    for (const op of [
      'post /guest/carts',
      'get /guest/carts/{guestId}',
      'post /guest/carts/{guestId}/lines',
      'patch /guest/carts/{guestId}/lines/{skuId}',
      'delete /guest/carts/{guestId}/lines/{skuId}',
      'post /guest/carts/{guestId}/selection',
      'delete /guest/carts/{guestId}/invalid-lines',
      'get /me/cart',
      'post /me/cart/lines',
      'patch /me/cart/lines/{skuId}',
      'delete /me/cart/lines/{skuId}',
      'post /me/cart/selection',
      'delete /me/cart/invalid-lines',
      'post /me/cart/merge',
    ])
      expect(ops).toContain(op);
  });
});
