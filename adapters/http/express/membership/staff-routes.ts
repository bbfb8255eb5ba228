import { z } from 'zod';
import { amount, type ErrorCodes, errorsOf, id, number32, points, route, type Route } from '../route.js';
import { MEMBER_NOT_FOUND } from './member-routes.js';
import {
  growthChange,
  levelProposal,
  levelSet,
  memberHistory,
  memberRfm,
  membershipRules,
  memberView,
  pointsChange,
  rfmRun,
  rfmSegmentCounts,
  ruleTable,
} from './wire.js';

const STAFF = { access: 'staff', roles: ['membership'] } as const;
const memberParams = z.object({ memberId: id });
const audited = { reason: z.string().max(500) };
const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
// The codes each use case can answer through its route (docs/contexts/membership.md), as in member-routes.ts.
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

/** Staff with role `membership` (or admin) manage rule tables, levels, manual changes and RFM (`/admin/membership…`). */
export const membershipStaffRoutes: Route[] = [
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
