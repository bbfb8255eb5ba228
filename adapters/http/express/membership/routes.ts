import { z } from 'zod';
import { GENDERS } from '../../../../domain/membership/member.js';
import { amount, type ErrorCodes, errorsOf, id, number32, points, route, type Route } from '../route.js';
import {
  growthChange,
  levelProposal,
  levelSet,
  memberHistory,
  memberProfile,
  memberRfm,
  membershipRules,
  memberView,
  pointsChange,
  rfmRun,
  rfmSegmentCounts,
  ruleTable,
  signInResult,
} from './wire.js';

const STAFF = { access: 'staff', roles: ['membership'] } as const;
const memberParams = z.object({ memberId: id });
const audited = { reason: z.string().max(500) };
const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
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
const MEMBER_NOT_FOUND: ErrorCodes = { 404: ['MEMBERSHIP.MEMBER_NOT_FOUND'] };
const PHONE: ErrorCodes = { 422: ['MEMBERSHIP.INVALID_PHONE'] };
const ADDRESS_ERRORS = errorsOf(MEMBER_NOT_FOUND, PHONE, { 409: ['MEMBERSHIP.TOO_MANY_ADDRESSES'], 422: ['MEMBERSHIP.INVALID_ADDRESS'] });
/** A manual change by staff: a reason, a whole amount from 1, a member; a debit the balance does not cover is refused. */
const manualChange = (insufficient: string) =>
  errorsOf(MEMBER_NOT_FOUND, { 409: [insufficient, 'MEMBERSHIP.BALANCE_OVERFLOW'], 422: ['MEMBERSHIP.REASON_REQUIRED', 'MEMBERSHIP.INVALID_AMOUNT'] });
const RULE_ERRORS: ErrorCodes = {
  422: ['MEMBERSHIP.INVALID_RULE', 'MEMBERSHIP.INVALID_THRESHOLDS', 'MEMBERSHIP.THRESHOLDS_OUT_OF_ORDER', 'MEMBERSHIP.INVALID_RFM_CONFIG'],
};
const RFM_RUN_NOT_FOUND: ErrorCodes = { 404: ['MEMBERSHIP.RFM_RUN_NOT_FOUND'] };

const rulesBody = z.discriminatedUnion('table', [
  z
    .object({
      table: z.literal('growth'),
      value: z
        .object({ dailyLogin: number32, orderFactor: z.string(), review: number32, showOrder: number32, showOrderFirst: number32, qualifyingPrice: z.string() })
        .strict(),
    })
    .strict(),
  z
    .object({
      table: z.literal('points'),
      value: z
        .object({
          signIn: number32,
          streakEvery: number32,
          streakBonus: number32,
          perYuan: number32,
          review: number32,
          showOrder: number32,
          share: number32,
          topUpPerYuan: number32,
          ratio: z.object({ points: number32, amount: z.string() }).strict(),
          maxPercent: number32,
          expiry: z.enum(['end_of_next_year', 'never']),
        })
        .strict(),
    })
    .strict(),
  z.object({ table: z.literal('levels'), value: z.object({ thresholds: z.array(number32).max(20) }).strict() }).strict(),
  z
    .object({
      table: z.literal('rfm'),
      value: z
        .object({
          windowDays: number32,
          monetary: z.enum(['total', 'average']),
          scoring: z.discriminatedUnion('kind', [
            z.object({ kind: z.literal('quintiles') }).strict(),
            z
              .object({
                kind: z.literal('breakpoints'),
                recency: z.array(number32).max(4),
                frequency: z.array(number32).max(4),
                monetary: z.array(amount).max(4),
              })
              .strict(),
          ]),
          wakeUp: z.object({ minPrevious: number32, fallPercent: number32 }).strict(),
          downgradeAtRecencyScore: number32.nullable(),
        })
        .strict(),
    })
    .strict(),
]);

/**
 * Membership (#7). Members act on their own profile, addresses, history and sign-in (`/me/membership…`);
 * staff with role `membership` (or admin) manage rule tables, levels, manual changes and RFM.
 */
export const membershipRoutes: Route[] = [
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
  route({
    method: 'get',
    path: '/admin/membership/rules',
    tag: 'membership-admin',
    ...STAFF,
    response: membershipRules,
    errors: {},
    summary: 'The rule tables in force: growth, points, level thresholds, RFM',
    handler: ({ zt }) => zt.membership.rules(),
  }),
  route({
    method: 'put',
    path: '/admin/membership/rules',
    tag: 'membership-admin',
    ...STAFF,
    body: rulesBody,
    response: ruleTable,
    errors: RULE_ERRORS,
    summary: 'Replace one rule table (growth, points, levels, rfm); refused with a 422 and nothing written when invalid',
    handler: ({ zt, identity, body }) => zt.membership.setRules({ table: body.table, value: body.value as never, operator: identity!.subject }),
  }),
  route({
    method: 'post',
    path: '/admin/membership/levels/proposal',
    tag: 'membership-admin',
    ...STAFF,
    response: levelProposal,
    errors: { 422: ['MEMBERSHIP.INVALID_SHARES'] },
    body: z.object({ shares: z.array(number32).min(1).max(20) }).strict(),
    summary: 'Propose growth thresholds for target shares per level (bottom to top, whole %, sum 100) from current growth',
    handler: ({ zt, body }) => zt.membership.proposeThresholds(body),
  }),
  route({
    method: 'get',
    path: '/admin/membership/members/:memberId',
    tag: 'membership-admin',
    ...STAFF,
    params: memberParams,
    response: memberView,
    errors: MEMBER_NOT_FOUND,
    summary: "A member's profile with growth and points balances",
    handler: ({ zt, params }) => zt.membership.get(params),
  }),
  route({
    method: 'get',
    path: '/admin/membership/members/:memberId/history',
    tag: 'membership-admin',
    ...STAFF,
    params: memberParams,
    response: memberHistory,
    errors: MEMBER_NOT_FOUND,
    summary: "A member's ledgers, level history and audit trail",
    handler: ({ zt, params }) => zt.membership.history(params),
  }),
  route({
    method: 'post',
    path: '/admin/membership/members/:memberId/growth',
    tag: 'membership-admin',
    ...STAFF,
    params: memberParams,
    response: growthChange,
    errors: manualChange('MEMBERSHIP.INSUFFICIENT_GROWTH'),
    body: z.object({ delta: points, ...audited }).strict(),
    summary: 'Change a member’s growth by hand (audited: operator and reason)',
    handler: ({ zt, identity, params, body }) =>
      zt.membership.adjustGrowth({ memberId: params.memberId, delta: body.delta, reason: body.reason, operator: identity!.subject }),
  }),
  route({
    method: 'post',
    path: '/admin/membership/members/:memberId/points',
    tag: 'membership-admin',
    ...STAFF,
    params: memberParams,
    response: pointsChange,
    errors: manualChange('MEMBERSHIP.INSUFFICIENT_POINTS'),
    body: z.object({ delta: points, ...audited }).strict(),
    summary: 'Change a member’s points by hand (audited; a debit never drives the balance below zero)',
    handler: ({ zt, identity, params, body }) =>
      zt.membership.adjustPoints({ memberId: params.memberId, delta: body.delta, reason: body.reason, operator: identity!.subject }),
  }),
  route({
    method: 'put',
    path: '/admin/membership/members/:memberId/level',
    tag: 'membership-admin',
    ...STAFF,
    params: memberParams,
    response: levelSet,
    errors: errorsOf(MEMBER_NOT_FOUND, { 422: ['MEMBERSHIP.REASON_REQUIRED', 'MEMBERSHIP.INVALID_LEVEL'] }),
    body: z.object({ level: number32, ...audited }).strict(),
    summary: 'Set a member’s platform level by hand (audited)',
    handler: ({ zt, identity, params, body }) =>
      zt.membership.setLevel({ memberId: params.memberId, level: body.level, reason: body.reason, operator: identity!.subject }),
  }),
  route({
    method: 'post',
    path: '/admin/membership/rfm/runs',
    tag: 'membership-admin',
    ...STAFF,
    status: 201,
    response: rfmRun,
    errors: {},
    body: z.object({ asOf: timestamp.optional() }).strict(),
    summary: 'Run RFM over the paid-order projection (computed in the database on PostgreSQL); raises MBR-2 wake-ups',
    handler: ({ zt, body }) => zt.membership.runRfm(body),
  }),
  route({
    method: 'get',
    path: '/admin/membership/rfm/segments',
    tag: 'membership-admin',
    ...STAFF,
    response: rfmSegmentCounts,
    errors: RFM_RUN_NOT_FOUND,
    query: z.object({ runId: id.optional() }),
    summary: 'Members per RFM segment in a run (the latest by default)',
    handler: ({ zt, query }) => zt.membership.rfmSegments(query),
  }),
  route({
    method: 'get',
    path: '/admin/membership/members/:memberId/rfm',
    tag: 'membership-admin',
    ...STAFF,
    params: memberParams,
    response: memberRfm,
    errors: errorsOf(RFM_RUN_NOT_FOUND, { 404: ['MEMBERSHIP.NO_RFM_SCORE'] }),
    query: z.object({ runId: id.optional() }),
    summary: "A member's R, F, M values, scores and segment in a run (the latest by default)",
    handler: ({ zt, params, query }) => zt.membership.memberRfm({ memberId: params.memberId, runId: query.runId }),
  }),
];
