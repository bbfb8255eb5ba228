import { z } from 'zod';
import { GENDERS } from '../../../../domain/membership/member.js';
import { type ErrorCodes, errorsOf, id, points, route, type Route } from '../route.js';
import { memberHistory, memberProfile, memberView, pointsChange, signInResult } from './wire.js';

const address = z
  .object({
    recipient: z.string().max(60),
    phone: z.string().max(24),
    region: z.string().max(200),
    detail: z.string().max(300),
    isDefault: z.boolean().optional(),
  })
  .strict();
// The codes each use case can answer through its route (docs/contexts/membership.md). Codes the request
// schemas make unreachable (a gender or purpose outside its enum, an empty reference) are left out.
export const MEMBER_NOT_FOUND: ErrorCodes = { 404: ['MEMBERSHIP.MEMBER_NOT_FOUND'] };
const PHONE: ErrorCodes = { 422: ['MEMBERSHIP.INVALID_PHONE'] };
const ADDRESS_ERRORS = errorsOf(MEMBER_NOT_FOUND, PHONE, { 409: ['MEMBERSHIP.TOO_MANY_ADDRESSES'], 422: ['MEMBERSHIP.INVALID_ADDRESS'] });

/** Members act on their own profile, addresses, history, sign-in and points (`/me/membership…`). */
export const membershipMemberRoutes: Route[] = [
  route({
    method: 'post',
    path: '/me/membership',
    tag: 'membership',
    access: 'member',
    status: 201,
    response: memberProfile,
    errors: errorsOf(PHONE, { 422: ['MEMBERSHIP.INVALID_ID'] }),
    body: z.object({ phone: z.string().max(24).nullable().optional(), gender: z.enum(GENDERS).optional() }).strict(),
    summary: 'Become a member (idempotent: an existing profile is returned unchanged)',
    handler: ({ zt, identity, body }) => zt.membership.register({ memberId: identity!.subject, ...body }),
  }),
  route({
    method: 'get',
    path: '/me/membership',
    tag: 'membership',
    access: 'member',
    response: memberView,
    errors: MEMBER_NOT_FOUND,
    summary: "The calling member's profile: level, growth, points, addresses, paid card, shop memberships",
    handler: ({ zt, identity }) => zt.membership.get({ memberId: identity!.subject }),
  }),
  route({
    method: 'patch',
    path: '/me/membership',
    tag: 'membership',
    access: 'member',
    response: memberProfile,
    errors: errorsOf(MEMBER_NOT_FOUND, PHONE),
    body: z.object({ phone: z.string().max(24).nullable().optional(), gender: z.enum(GENDERS).optional() }).strict(),
    summary: "Change the calling member's phone or gender",
    handler: ({ zt, identity, body }) => zt.membership.updateProfile({ memberId: identity!.subject, ...body }),
  }),
  route({
    method: 'post',
    path: '/me/membership/addresses',
    tag: 'membership',
    access: 'member',
    status: 201,
    body: address,
    response: memberProfile,
    errors: ADDRESS_ERRORS,
    summary: 'Add an address under an id the server makes (the first, or one marked default, becomes the default)',
    handler: ({ zt, identity, body }) => zt.membership.putAddress({ memberId: identity!.subject, ...body }),
  }),
  route({
    method: 'put',
    path: '/me/membership/addresses/:addressId',
    tag: 'membership',
    access: 'member',
    params: z.object({ addressId: id }),
    body: address,
    response: memberProfile,
    errors: errorsOf(ADDRESS_ERRORS, { 404: ['MEMBERSHIP.ADDRESS_NOT_FOUND'] }),
    summary: 'Replace one of the calling member’s addresses; an id they do not have is 404 MEMBERSHIP.ADDRESS_NOT_FOUND, never a new address',
    handler: ({ zt, identity, params, body }) => zt.membership.putAddress({ memberId: identity!.subject, addressId: params.addressId, ...body }),
  }),
  route({
    method: 'delete',
    path: '/me/membership/addresses/:addressId',
    tag: 'membership',
    access: 'member',
    params: z.object({ addressId: id }),
    response: memberProfile,
    errors: { 404: ['MEMBERSHIP.MEMBER_NOT_FOUND', 'MEMBERSHIP.ADDRESS_NOT_FOUND'] },
    summary: 'Remove one of the calling member’s addresses',
    handler: ({ zt, identity, params }) => zt.membership.removeAddress({ memberId: identity!.subject, addressId: params.addressId }),
  }),
  route({
    method: 'get',
    path: '/me/membership/history',
    tag: 'membership',
    access: 'member',
    response: memberHistory,
    errors: MEMBER_NOT_FOUND,
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }),
    summary: "The calling member's growth and points ledgers, level history and audited changes, newest first",
    handler: ({ zt, identity, query }) => zt.membership.history({ memberId: identity!.subject, limit: query.limit }),
  }),
  route({
    method: 'post',
    path: '/me/membership/sign-in',
    tag: 'membership',
    access: 'member',
    response: signInResult,
    errors: errorsOf(MEMBER_NOT_FOUND, { 409: ['MEMBERSHIP.REFERENCE_REUSED', 'MEMBERSHIP.BALANCE_OVERFLOW'] }),
    summary: 'Daily sign-in (签到): points with the streak bonus, and the first-login growth of the day; once per day',
    handler: ({ zt, identity }) => zt.membership.signIn({ memberId: identity!.subject }),
  }),
  route({
    method: 'post',
    path: '/me/membership/points/spend',
    tag: 'membership',
    access: 'member',
    response: pointsChange,
    errors: errorsOf(MEMBER_NOT_FOUND, { 409: ['MEMBERSHIP.INSUFFICIENT_POINTS', 'MEMBERSHIP.REFERENCE_REUSED'], 422: ['MEMBERSHIP.INVALID_AMOUNT'] }),
    body: z.object({ purpose: z.enum(['mall', 'right']), reference: z.string().min(1).max(200), points }).strict(),
    summary: 'Spend points in the points mall or for a member right (once per reference; never below zero)',
    handler: ({ zt, identity, body }) => zt.membership.spendPoints({ memberId: identity!.subject, ...body }),
  }),
];
