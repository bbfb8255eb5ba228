import { z } from 'zod';
import { DISCREPANCY_KINDS } from '../../../../domain/payment/index.js';
import { CASE_STATES } from '../../../../domain/reconciliation/index.js';
import { givenFields, id, route, type Route } from '../route.js';
import { reconciliationCaseView, reconciliationRunView } from './wire.js';

const STAFF = { access: 'staff', roles: ['finance'] } as const;
const channel = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9_-]+$/, 'a channel name: lower-case letters, digits, - and _');
/** A calendar day; the use case refuses one that is not (RECONCILIATION.INVALID_DAY). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day YYYY-MM-DD');
const limit = z.coerce.number().int().min(1).max(500).optional();
const RUN_ERRORS = {
  422: [
    'RECONCILIATION.INVALID_DAY',
    'RECONCILIATION.NO_STATEMENT',
    'RECONCILIATION.INVALID_STATEMENT',
    'PAYMENT.UNKNOWN_CHANNEL',
    'PAYMENT.NO_CHANNEL_CONFIGURED',
  ],
} as const;

/**
 * Reconciliation (对账, spec §10 PAY-3, issue #16), staff with role `finance` (or admin): run a channel
 * day now, upload a statement file, read runs with their reports, search cases and resolve them.
 */
export const reconciliationRoutes: Route[] = [
  route({
    method: 'post',
    path: '/admin/reconciliation/runs',
    tag: 'reconciliation',
    ...STAFF,
    status: 201,
    body: z.object({ channel, day, source: z.enum(['download', 'stored']).optional() }).strict(),
    response: reconciliationRunView,
    errors: RUN_ERRORS,
    summary:
      "Reconciles a channel day now (the day in the channel's time zone, and over): the channel's statement downloaded (`source` download, the default when the channel can) or the day's stored one again (`stored`: after a late callback or a resolved case). Discrepancies become cases, one per kind and number: a re-run opens none twice and resolves those gone.",
    handler: ({ zt, identity, body }) => zt.reconciliation.run({ ...givenFields(body), by: identity!.subject }),
  }),
  route({
    method: 'post',
    path: '/admin/reconciliation/statements/:channel/:day',
    tag: 'reconciliation',
    ...STAFF,
    status: 201,
    params: z.object({ channel, day }),
    body: z.object({ file: z.base64().max(40_000_000) }).strict(),
    response: reconciliationRunView,
    errors: RUN_ERRORS,
    summary:
      'Uploads a statement file (对账单) downloaded from the channel\'s console, as JSON `{ "file": "<the file\'s bytes in base64>" }`, read with the channel\'s statement parser, and reconciles the day with it at once (the run is answered).',
    handler: ({ zt, identity, params, body }) =>
      zt.reconciliation.run({ channel: params.channel, day: params.day, file: new Uint8Array(Buffer.from(body.file, 'base64')), by: identity!.subject }),
  }),
  route({
    method: 'get',
    path: '/admin/reconciliation/runs',
    tag: 'reconciliation',
    ...STAFF,
    query: z.object({ channel: channel.optional(), day: day.optional(), limit }),
    response: z.array(reconciliationRunView),
    errors: {},
    summary: 'Reconciliation runs of a channel and/or day, newest first, each with its report.',
    handler: ({ zt, query }) => zt.reconciliation.listRuns(givenFields(query)),
  }),
  route({
    method: 'get',
    path: '/admin/reconciliation/runs/:runId',
    tag: 'reconciliation',
    ...STAFF,
    params: z.object({ runId: id }),
    response: reconciliationRunView,
    errors: { 404: ['RECONCILIATION.RUN_NOT_FOUND'] },
    summary: "One run's report: counts and sums of matched payments and refunds, of each discrepancy kind, and the statement's fees.",
    handler: ({ zt, params }) => zt.reconciliation.getRun({ runId: params.runId }),
  }),
  route({
    method: 'get',
    path: '/admin/reconciliation/cases',
    tag: 'reconciliation',
    ...STAFF,
    query: z.object({
      state: z.enum(CASE_STATES).optional(),
      kind: z.enum(DISCREPANCY_KINDS).optional(),
      channel: channel.optional(),
      day: day.optional(),
      limit,
    }),
    response: z.array(reconciliationCaseView),
    errors: {},
    summary: 'Discrepancy cases by state, kind, channel and day, newest day first.',
    handler: ({ zt, query }) => zt.reconciliation.searchCases(givenFields(query)),
  }),
  route({
    method: 'get',
    path: '/admin/reconciliation/cases/:caseId',
    tag: 'reconciliation',
    ...STAFF,
    params: z.object({ caseId: id }),
    response: reconciliationCaseView,
    errors: { 404: ['RECONCILIATION.CASE_NOT_FOUND'] },
    summary: 'One discrepancy case, with how it was resolved.',
    handler: ({ zt, params }) => zt.reconciliation.getCase({ caseId: params.caseId }),
  }),
  route({
    method: 'post',
    path: '/admin/reconciliation/cases/:caseId/resolve',
    tag: 'reconciliation',
    ...STAFF,
    params: z.object({ caseId: id }),
    body: z.object({ action: z.enum(['accept', 'resolve', 'write_off']), note: z.string().max(2000).default('') }).strict(),
    response: reconciliationCaseView,
    errors: {
      404: ['RECONCILIATION.CASE_NOT_FOUND'],
      409: ['RECONCILIATION.INVALID_TRANSITION'],
      422: ['RECONCILIATION.NOT_ACCEPTABLE', 'RECONCILIATION.NOTE_REQUIRED'],
    },
    summary:
      "Closes an open case: `accept` (paid there, not here — after staff confirmed it, the channel's payment goes through the callback path: it pays the order, or, when the order was paid already, is refunded as a double payment), `resolve` or `write_off` (both with a note saying how). Who and when are recorded.",
    handler: ({ zt, identity, params, body }) =>
      zt.reconciliation.resolveCase({ caseId: params.caseId, action: body.action, note: body.note, by: identity!.subject }),
  }),
];
