import { z } from 'zod';
import type { CartOwner } from '../../../../domain/cart/cart.js';
import { CHANNELS, type Channel } from '../../../../domain/pricing/index.js';
import type { Zhongtai } from '../../../container/create-zhongtai.js';
import type { Identity } from '../auth.js';
import { type ErrorCodes, errorsOf, id, number32, route, type Route } from '../route.js';
import { cartView, mergedCart, openedGuestCart } from './wire.js';

/**
 * A guest cart id as the server hands it out (192 random bits, base64url). It is the only key to a
 * guest's cart: never chosen by the client (an id the server did not make is CART.GUEST_CART_NOT_FOUND).
 */
const guestId = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'a guest cart id as POST /guest/carts returned it');
const channelQuery = z.object({ channel: z.enum(CHANNELS as unknown as [Channel, ...Channel[]]).optional() });
/** Only the type and the stored range: 0, negative, fractional and too large quantities are the domain's to refuse with their codes. */
const quantity = number32;
const selection = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('line'), skuId: id, selected: z.boolean() }).strict(),
  z.object({ scope: z.literal('shop'), shopId: id, selected: z.boolean() }).strict(),
  z.object({ scope: z.literal('all'), selected: z.boolean() }).strict(),
]);

/** Putting units of a SKU in a line (docs/contexts/cart.md). */
const QUANTITY_ERRORS: ErrorCodes = {
  404: ['CART.UNKNOWN_SKU'],
  409: ['CART.SKU_NOT_LISTED', 'CART.OUT_OF_STOCK'],
  422: ['CART.INVALID_QUANTITY', 'CART.QUANTITY_LIMIT'],
};
const GUEST_CART_NOT_FOUND: ErrorCodes = { 404: ['CART.GUEST_CART_NOT_FOUND'] };
const LINE_NOT_FOUND: ErrorCodes = { 404: ['CART.LINE_NOT_FOUND'] };

interface Ctx {
  readonly zt: Zhongtai;
  readonly identity: Identity | null;
  readonly params: { readonly guestId?: string; readonly skuId?: string };
  readonly query: { readonly channel?: Channel };
}

/** The same routes for a member's cart (`/me/cart`, the token's subject) and a guest's (`/guest/carts/:guestId`). */
function ownerCartRoutes(kind: CartOwner['kind']): Route[] {
  const member = kind === 'member';
  const prefix = member ? '/me/cart' : '/guest/carts/:guestId';
  const base: Record<string, z.ZodString> = member ? {} : { guestId };
  const access = member ? ('member' as const) : ('public' as const);
  const tag = member ? 'cart' : 'guest-cart';
  const whose = member ? "the calling member's cart" : "a guest's cart";
  // A member only ever reaches their own cart: the owner is the token's subject, never a request value.
  const ownerOf = (ctx: Ctx): CartOwner => (member ? { kind: 'member', id: ctx.identity!.subject } : { kind: 'guest', id: ctx.params.guestId! });
  const shownTo = (ctx: Ctx) => (ctx.query.channel ? { channel: ctx.query.channel } : {});
  const view = (ctx: Ctx) => ctx.zt.cart.view({ owner: ownerOf(ctx), ...shownTo(ctx) });
  const params = z.object(base);
  const lineParams = z.object({ ...base, skuId: id });
  const skuOf = (ctx: Ctx): string => ctx.params.skuId!;
  // Every route answers the cart (a change: read in its own transaction); a guest's routes also answer 404 for a guest id the server did not make.
  const answers = (...errors: ErrorCodes[]) => ({ response: cartView, errors: errorsOf(...errors, member ? {} : GUEST_CART_NOT_FOUND) });
  return [
    route({
      method: 'get',
      path: prefix,
      tag,
      access,
      params,
      query: channelQuery,
      ...answers(),
      summary: `${whose}: lines by shop and shared promotion, newest first, invalid lines apart, prices and stock now; CRT-1 total (activities, no coupons)`,
      handler: (ctx) => view(ctx),
    }),
    route({
      method: 'post',
      path: `${prefix}/lines`,
      tag,
      access,
      params,
      query: channelQuery,
      ...answers(QUANTITY_ERRORS, { 409: ['CART.FULL'] }),
      body: z.object({ skuId: id, quantity }).strict(),
      summary: `Add a SKU to ${whose} (quantities add up; ≤ 999, purchase limit and stock per line; ≤ 120 lines); answers the cart`,
      handler: async (ctx) => {
        return ctx.zt.cart.add({ owner: ownerOf(ctx), skuId: ctx.body.skuId, quantity: ctx.body.quantity, view: shownTo(ctx) });
      },
    }),
    route({
      method: 'patch',
      path: `${prefix}/lines/:skuId`,
      tag,
      access,
      params: lineParams,
      query: channelQuery,
      ...answers(LINE_NOT_FOUND, QUANTITY_ERRORS),
      body: z.object({ quantity }).strict(),
      summary: `Set the quantity of a line of ${whose}; answers the cart`,
      handler: async (ctx) => {
        return ctx.zt.cart.changeQuantity({ owner: ownerOf(ctx), skuId: skuOf(ctx), quantity: ctx.body.quantity as number, view: shownTo(ctx) });
      },
    }),
    route({
      method: 'delete',
      path: `${prefix}/lines/:skuId`,
      tag,
      access,
      params: lineParams,
      query: channelQuery,
      ...answers(LINE_NOT_FOUND),
      summary: `Remove a line of ${whose}; answers the cart`,
      handler: async (ctx) => {
        return ctx.zt.cart.remove({ owner: ownerOf(ctx), skuId: skuOf(ctx), view: shownTo(ctx) });
      },
    }),
    route({
      method: 'post',
      path: `${prefix}/selection`,
      tag,
      access,
      params,
      query: channelQuery,
      body: selection,
      ...answers(LINE_NOT_FOUND),
      summary: `Select or unselect one line, a shop's lines or all lines of ${whose}; answers the cart`,
      handler: async (ctx) => {
        const b = ctx.body;
        const scope =
          b.scope === 'line'
            ? { kind: 'line' as const, skuId: b.skuId }
            : b.scope === 'shop'
              ? { kind: 'shop' as const, shopId: b.shopId }
              : { kind: 'all' as const };
        return ctx.zt.cart.select({ owner: ownerOf(ctx), scope, selected: b.selected, view: shownTo(ctx) });
      },
    }),
    route({
      method: 'delete',
      path: `${prefix}/invalid-lines`,
      tag,
      access,
      params,
      query: channelQuery,
      ...answers(),
      summary: `Clear the invalid lines of ${whose} (unknown SKU, not listed, out of stock); answers the cart`,
      handler: async (ctx) => {
        return ctx.zt.cart.clearInvalid({ owner: ownerOf(ctx), view: shownTo(ctx) });
      },
    }),
  ];
}

/** Member and guest carts (spec §4); a guest's cart merges into the member's at login. */
export const cartRoutes: Route[] = [
  route({
    method: 'post',
    path: '/guest/carts',
    tag: 'guest-cart',
    access: 'public',
    status: 201,
    response: openedGuestCart,
    errors: {},
    summary: 'Open a guest cart (离线购物车): the server makes its id (192 random bits); keep it to reach the cart and to merge it at login',
    handler: async ({ zt }) => {
      const { guestId: made } = await zt.cart.openGuestCart();
      return { guestId: made, cart: await zt.cart.view({ owner: { kind: 'guest', id: made } }) };
    },
  }),
  ...ownerCartRoutes('guest'),
  ...ownerCartRoutes('member'),
  route({
    method: 'post',
    path: '/me/cart/merge',
    tag: 'cart',
    access: 'member',
    query: channelQuery,
    response: mergedCart,
    errors: GUEST_CART_NOT_FOUND,
    body: z.object({ guestId }).strict(),
    summary: "At login: merge a guest cart into the calling member's (quantities add, capped by stock and purchase limits); merging it again changes nothing",
    handler: async ({ zt, identity, body, query }) => {
      const { merged, skipped } = await zt.cart.mergeGuestCart({ memberId: identity!.subject, guestId: body.guestId });
      return {
        merged,
        skipped,
        cart: await zt.cart.view({ owner: { kind: 'member', id: identity!.subject }, ...(query.channel ? { channel: query.channel } : {}) }),
      };
    },
  }),
];
