import { z } from 'zod';
import { PAYMENT_STATUSES } from '../../../../domain/payment/index.js';
import { givenFields, id, route, searchQuery, type Route } from '../route.js';
import { paymentAdminView, refundView } from './wire.js';

/** Payments and refunds are finance's; order staff read them too when an order is in question. */
const STAFF = { access: 'staff', roles: ['finance', 'orders'] } as const;
const { shopId: _, ...search } = searchQuery;

/** Staff routes of payments (issue #16 item 5): search and detail of payments (交易记录) and refunds. */
export const paymentStaffRoutes: Route[] = [
  route({
    method: 'get',
    path: '/admin/payments',
    tag: 'payments-admin',
    ...STAFF,
    query: z.object({
      number: z.string().min(1).max(64).optional(),
      memberId: id.optional(),
      status: z.enum(PAYMENT_STATUSES).optional(),
      channel: z.string().min(1).max(32).optional(),
      ...search,
    }),
    response: z.array(paymentAdminView),
    errors: {},
    summary: 'Payments by number, order, member, status, the channel that took them and time opened [from, to), newest first (at most `limit`, 500).',
    handler: ({ zt, query }) => zt.payments.search(givenFields(query)),
  }),
  route({
    method: 'get',
    path: '/admin/payments/:paymentId',
    tag: 'payments-admin',
    ...STAFF,
    params: z.object({ paymentId: id }),
    response: paymentAdminView,
    errors: { 404: ['PAYMENT.NOT_FOUND'] },
    summary:
      "One payment, whole: its orders and what each got back, the channel's success, refunds with the channel's confirmation, late money and its way back.",
    handler: ({ zt, params }) => zt.payments.get({ paymentId: params.paymentId }),
  }),
  route({
    method: 'get',
    path: '/admin/refunds',
    tag: 'payments-admin',
    ...STAFF,
    query: z.object({
      number: z.string().min(1).max(64).optional().describe("The payment's number."),
      channel: z.string().min(1).max(32).optional(),
      pending: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .optional()
        .describe('true: refunds the channel has not confirmed yet; false: confirmed ones.'),
      ...search,
    }),
    response: z.array(refundView),
    errors: {},
    summary: 'Refunds made in [from, to) — of an order, a payment number, a channel; confirmed by the channel or not — newest first (at most `limit`, 500).',
    handler: ({ zt, query }) => zt.payments.searchRefunds(givenFields(query)),
  }),
];
