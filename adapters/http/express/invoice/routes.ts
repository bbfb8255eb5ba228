import { z } from 'zod';
import { INVOICE_STATUSES } from '../../../../domain/invoice/index.js';
import { errorsOf, givenFields, id, route, searchQuery, type Route } from '../route.js';
import { invoiceSettingsView, invoiceView, vatRate } from './wire.js';

const STAFF = { access: 'staff', roles: ['finance'] } as const;
const invoiceParams = z.object({ invoiceId: id });
/** A shop's id, or `*` for the default settings. */
const settingsParams = z.object({ shopId: z.union([id, z.literal('*')]) });
const optionalText = (max: number) => z.string().max(max).nullable().optional();

/** The buyer's fields, and only them: the issuer, lines and rates are the system's (an unknown field is refused). */
const buyer = z
  .object({
    type: z.enum(['personal', 'company']),
    title: z.string().max(200),
    taxNumber: optionalText(40),
    email: optionalText(300),
    address: optionalText(400),
  })
  .strict();
const buyerOf = (b: z.output<typeof buyer>) => ({
  type: b.type,
  title: b.title,
  taxNumber: b.taxNumber ?? null,
  email: b.email ?? null,
  address: b.address ?? null,
});

/**
 * Invoices (发票, spec §14, issue #15): a member asks for an invoice of their own order and edits its
 * buyer's fields until it is issued; staff with role `finance` (or admin) search invoices, retry failed
 * ones and set shops' invoice settings. Another member's order or invoice is 404.
 */
export const invoiceRoutes: Route[] = [
  route({
    method: 'post',
    path: '/me/invoices',
    tag: 'invoices',
    access: 'member',
    status: 201,
    body: z.object({ orderId: id, buyer }).strict(),
    response: invoiceView,
    errors: {
      404: ['INVOICE.ORDER_NOT_FOUND'],
      409: ['INVOICE.ALREADY_INVOICED'],
      422: ['INVOICE.NOT_INVOICEABLE', 'INVOICE.INVALID_BUYER', 'INVOICE.NOT_CONFIGURED'],
    },
    summary:
      "Asks for a blue invoice (开票) of the calling member's order, once it is paid (or received, as its shop sets): its lines are what the order keeps, at the allocated paid amounts (ORD-4), taxed line by line. Issued through the invoicing channel by a durable job. A second one for the order: 409 INVOICE.ALREADY_INVOICED; another member's order: 404.",
    handler: ({ zt, identity, body }) => zt.invoices.request({ memberId: identity!.subject, orderId: body.orderId, buyer: buyerOf(body.buyer) }),
  }),
  route({
    method: 'get',
    path: '/me/invoices',
    tag: 'invoices',
    access: 'member',
    response: z.array(invoiceView),
    errors: {},
    summary: "The calling member's invoices, blue and red, newest first.",
    handler: ({ zt, identity }) => zt.invoices.listOfMember({ memberId: identity!.subject }),
  }),
  route({
    method: 'get',
    path: '/me/invoices/:invoiceId',
    tag: 'invoices',
    access: 'member',
    params: invoiceParams,
    response: invoiceView,
    errors: { 404: ['INVOICE.INVOICE_NOT_FOUND'] },
    summary: "One of the calling member's invoices, with its timeline; another member's: 404.",
    handler: ({ zt, identity, params }) => zt.invoices.get({ invoiceId: params.invoiceId, memberId: identity!.subject }),
  }),
  route({
    method: 'put',
    path: '/me/invoices/:invoiceId/buyer',
    tag: 'invoices',
    access: 'member',
    params: invoiceParams,
    body: buyer,
    response: invoiceView,
    errors: { 404: ['INVOICE.INVOICE_NOT_FOUND'], 409: ['INVOICE.NOT_EDITABLE'], 422: ['INVOICE.INVALID_BUYER'] },
    summary:
      "Changes the buyer's fields (title, taxpayer number, email, address) until the invoice is issued — not while the channel is issuing it (409 INVOICE.NOT_EDITABLE). A failed invoice is sent again with them. The issuer and tax rates are never the buyer's.",
    handler: ({ zt, identity, params, body }) => zt.invoices.editBuyer({ invoiceId: params.invoiceId, memberId: identity!.subject, buyer: buyerOf(body) }),
  }),
  route({
    method: 'get',
    path: '/admin/invoices',
    tag: 'invoices-admin',
    ...STAFF,
    query: z.object({ status: z.enum(INVOICE_STATUSES).optional(), kind: z.enum(['blue', 'red']).optional(), ...searchQuery }),
    response: z.array(invoiceView),
    errors: {},
    summary: 'Invoices by status, kind, shop, order and time requested [from, to), newest first (at most `limit`, 500).',
    handler: ({ zt, query }) => zt.invoices.search(givenFields(query)),
  }),
  route({
    method: 'get',
    path: '/admin/invoices/:invoiceId',
    tag: 'invoices-admin',
    ...STAFF,
    params: invoiceParams,
    response: invoiceView,
    errors: { 404: ['INVOICE.INVOICE_NOT_FOUND'] },
    summary: 'Any invoice, with its timeline, attempts and the channel’s last error.',
    handler: ({ zt, params }) => zt.invoices.get({ invoiceId: params.invoiceId }),
  }),
  route({
    method: 'post',
    path: '/admin/invoices/:invoiceId/retry',
    tag: 'invoices-admin',
    ...STAFF,
    params: invoiceParams,
    response: invoiceView,
    errors: { 404: ['INVOICE.INVOICE_NOT_FOUND'], 409: ['INVOICE.INVALID_TRANSITION'] },
    summary: 'Sends a failed invoice to the invoicing channel again (by the durable job; the channel issues one fapiao per invoice, however often asked).',
    handler: ({ zt, params }) => zt.invoices.retry({ invoiceId: params.invoiceId }),
  }),
  route({
    method: 'get',
    path: '/admin/invoice-settings/:shopId',
    tag: 'invoices-admin',
    ...STAFF,
    params: settingsParams,
    response: invoiceSettingsView,
    errors: { 422: ['INVOICE.NOT_CONFIGURED'] },
    summary: "A shop's invoice settings, or the default ones (shop `*`) when it has none.",
    handler: ({ zt, params }) => zt.invoices.getSettings({ shopId: params.shopId }),
  }),
  route({
    method: 'put',
    path: '/admin/invoice-settings/:shopId',
    tag: 'invoices-admin',
    ...STAFF,
    params: settingsParams,
    body: z
      .object({
        issueWhen: z.enum(['paid', 'received']),
        issuer: z.object({ name: z.string().max(200), taxNumber: z.string().max(40) }).strict(),
        goodsRate: vatRate,
        freightRate: vatRate,
        categoryRates: z.record(id, vatRate).default({}),
      })
      .strict(),
    response: invoiceSettingsView,
    errors: errorsOf({ 422: ['INVOICE.INVALID_SETTINGS'] }),
    summary:
      "Sets a shop's invoice settings (shop `*`: the default for shops without their own): invoice once paid or once received, the issuer (seller's name and taxpayer number), and VAT rates in basis points for goods, freight and categories. New invoices use them; issued ones keep theirs.",
    handler: ({ zt, params, body }) => zt.invoices.setSettings({ shopId: params.shopId, ...body }),
  }),
];
