import { z } from 'zod';
import { POSTING_KINDS } from '../../../../domain/finance/index.js';
import { givenFields, id, pageQuery, route, type Route } from '../route.js';
import { accountBalanceView, accountView, periodReportView, postingPageView, postingPageWire, postingView, postingWire, trialBalanceView } from './wire.js';

const STAFF = { access: 'staff', roles: ['finance'] } as const;
const TAG = 'ledger';
const time = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
/** An account code: `revenue:sales`, `clearing:<channel>` … */
const accountCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9:_-]*$/, 'an account code has lower-case letters, digits, :, - and _');

/**
 * The ledger (分户账, spec §13, issue #16 item 4) for staff with role `finance` (or admin): the chart,
 * postings, the trial balance and balances at any moment, period reports, and reversals — the one
 * correction there is, since postings are never changed (decision 0037).
 */
export const financeRoutes: Route[] = [
  route({
    method: 'get',
    path: '/admin/ledger/accounts',
    tag: TAG,
    ...STAFF,
    response: z.array(accountView),
    errors: {},
    summary: 'The chart of accounts by the spec’s classes, with a clearing account per payment channel that moved money, in code order.',
    handler: ({ zt }) => zt.ledger.accounts({}),
  }),
  route({
    method: 'get',
    path: '/admin/ledger/postings',
    tag: TAG,
    ...STAFF,
    query: z.object({
      source: z.string().min(1).max(200).optional(),
      kind: z.enum(POSTING_KINDS).optional(),
      account: accountCode.optional(),
      orderId: id.optional(),
      from: time.optional(),
      to: time.optional(),
      ...pageQuery,
    }),
    response: postingPageView,
    errors: {},
    summary:
      'Postings by source (`order.paid:<order>`, `reversal:<posting>` …), kind, account, order and time [from, to), oldest first, a page at a time (`size` at most 100).',
    handler: async ({ zt, query }) => postingPageWire(await zt.ledger.postings(givenFields(query))),
  }),
  route({
    method: 'get',
    path: '/admin/ledger/trial-balance',
    tag: TAG,
    ...STAFF,
    query: z.object({ at: time.optional() }),
    response: trialBalanceView,
    errors: {},
    summary: '试算平衡表 at `at` (default now): every account’s debit and credit totals over the postings before it; per currency they are equal (FIN-1).',
    handler: ({ zt, query }) => zt.ledger.trialBalance({ at: query.at ?? zt.clock.now() }),
  }),
  route({
    method: 'get',
    path: '/admin/ledger/accounts/:code/balance',
    tag: TAG,
    ...STAFF,
    params: z.object({ code: accountCode }),
    query: z.object({ at: time.optional() }),
    response: accountBalanceView,
    errors: { 404: ['FINANCE.ACCOUNT_NOT_FOUND'] },
    summary: 'One account’s totals and balance at `at` (default now), per currency. An account outside the chart: 404.',
    handler: ({ zt, params, query }) => zt.ledger.balance({ account: params.code, at: query.at ?? zt.clock.now() }),
  }),
  route({
    method: 'get',
    path: '/admin/ledger/period-report',
    tag: TAG,
    ...STAFF,
    query: z.object({ from: time, to: time }),
    response: periodReportView,
    errors: { 422: ['FINANCE.INVALID_PERIOD'] },
    summary: 'Period report for [from, to): each account’s closing balance − opening balance. A period that ends before it starts: 422.',
    handler: ({ zt, query }) => zt.ledger.periodReport({ from: query.from, to: query.to }),
  }),
  route({
    method: 'post',
    path: '/admin/ledger/postings/:postingId/reverse',
    tag: TAG,
    ...STAFF,
    status: 201,
    params: z.object({ postingId: id }),
    body: z.object({ reason: z.string().max(1000) }).strict(),
    response: postingView,
    errors: { 404: ['FINANCE.POSTING_NOT_FOUND'], 409: ['FINANCE.ALREADY_REVERSED'], 422: ['FINANCE.INVALID_REASON'] },
    summary:
      'Reverses a posting (冲销): a new posting with every line on the other side, now, with the reason and the calling staff member — the posting itself is never changed. Once per posting (409).',
    handler: async ({ zt, identity, params, body }) =>
      postingWire(await zt.ledger.reversePosting({ postingId: params.postingId, reason: body.reason, staffId: identity!.subject })),
  }),
];
