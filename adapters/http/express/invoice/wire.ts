import { z } from 'zod';
import { INVOICE_STATUSES, VAT_RATES, type InvoiceSettings, type InvoiceSnapshot } from '../../../../domain/invoice/index.js';
import { component, int, money, timestamp, wireId, wireObject, type Check, type Json, type Same } from '../wire/shared.js';

/** The response schemas of invoices: an invoice (发票) as its member and staff see it, and a shop's settings. */

/** A VAT rate in basis points (1300 = 13 %). */
export const vatRate = z.literal(VAT_RATES);

export const invoiceView = component(
  'Invoice',
  wireObject({
    id: wireId,
    orderId: wireId,
    memberId: wireId,
    shopId: z.string(),
    kind: z.enum(['blue', 'red']),
    reverses: wireId.nullable(),
    reversedBy: wireId.nullable(),
    status: z.enum(INVOICE_STATUSES),
    buyer: wireObject({
      type: z.enum(['personal', 'company']),
      title: z.string(),
      taxNumber: z.string().nullable(),
      email: z.string().nullable(),
      address: z.string().nullable(),
    }),
    issuer: wireObject({ name: z.string(), taxNumber: z.string() }),
    currency: z.string(),
    lines: z.array(wireObject({ lineId: z.string(), title: z.string(), quantity: int, amount: money, rate: vatRate, net: money, tax: money })),
    amount: money,
    tax: money,
    requestedAt: timestamp,
    fapiao: wireObject({ code: z.string(), number: z.string(), issuedAt: timestamp }).nullable(),
    attempts: int,
    lastError: z.string().nullable(),
    history: z.array(wireObject({ at: timestamp, status: z.enum(INVOICE_STATUSES), note: z.string().nullable() })),
    version: int,
  }),
  'An invoice (发票, spec §14): blue for what an order keeps, or red reversing one (红冲); its lines taxed one by one (decision 0033), and its timeline.',
);

export const invoiceSettingsView = component(
  'InvoiceSettings',
  wireObject({
    shopId: z.string(),
    issueWhen: z.enum(['paid', 'received']),
    issuer: wireObject({ name: z.string(), taxNumber: z.string() }),
    goodsRate: vatRate,
    freightRate: vatRate,
    categoryRates: z.record(z.string(), vatRate),
  }),
  "A shop's invoice settings (`*`: the default): when orders become invoiceable, the issuer, and VAT rates in basis points (1300 = 13 %).",
);

// The schemas are the JSON form of the types the use cases return (a compile error when either drifts).
export type InvoiceWireChecks = [
  Check<Same<z.output<typeof invoiceView>, Json<InvoiceSnapshot>>>,
  Check<Same<z.output<typeof invoiceSettingsView>, Json<InvoiceSettings>>>,
];
