import type { Invoice } from './invoice.js';
import type { InvoiceKind, InvoiceSnapshot, InvoiceStatus, IssuedFapiao, Issuer } from './invoice-state.js';
import type { VatRate } from './tax.js';

/**
 * Port: invoices, optimistic by version like every aggregate; saving records the invoice's events.
 * At most one live blue invoice per order (requested, issuing, issued, failed or flushing): saving a
 * second is INVOICE.ALREADY_INVOICED — on PostgreSQL a partial unique index says so, whoever writes.
 */
export interface Invoices {
  get(id: string): Promise<Invoice | null>;
  save(invoice: Invoice): Promise<void>;
  /** The order's live blue invoice, if any. */
  liveBlueOf(orderId: string): Promise<Invoice | null>;
  /** Every invoice of the order, oldest first. */
  ofOrder(orderId: string): Promise<Invoice[]>;
  /** The member's invoices, newest first. */
  ofMember(memberId: string): Promise<Invoice[]>;
  /** Staff search, newest first. */
  search(q: InvoiceSearch): Promise<Invoice[]>;
}

export interface InvoiceSearch {
  readonly status?: InvoiceStatus;
  readonly kind?: InvoiceKind;
  readonly shopId?: string;
  readonly orderId?: string;
  /** Requested at or after. */
  readonly from?: Date;
  /** Requested before. */
  readonly to?: Date;
  readonly limit: number;
}

/** When a shop's orders become invoiceable: once paid, or once received (the shop's choice, spec §14). */
export type IssueWhen = 'paid' | 'received';

/** A shop's invoice settings (system fields: no buyer changes them). `shopId` `*` is the default for shops without their own. */
export interface InvoiceSettings {
  readonly shopId: string;
  readonly issueWhen: IssueWhen;
  readonly issuer: Issuer;
  /** The rate of goods whose category has none of its own. */
  readonly goodsRate: VatRate;
  /** The rate of freight (transport services). */
  readonly freightRate: VatRate;
  /** Rates by catalog category id. */
  readonly categoryRates: Readonly<Record<string, VatRate>>;
}

/** The shop id of the default settings. */
export const DEFAULT_SETTINGS = '*';

/** Port: invoice settings by shop. */
export interface InvoiceSettingsRepository {
  get(shopId: string): Promise<InvoiceSettings | null>;
  save(settings: InvoiceSettings): Promise<void>;
}

/** What is sent to the invoicing channel (税控 / 电子发票服务平台) for one invoice: what it says, and two numbers. */
export interface IssueRequest extends Pick<InvoiceSnapshot, 'kind' | 'buyer' | 'issuer' | 'currency' | 'lines' | 'amount' | 'tax'> {
  /**
   * The invoice's own id: the channel issues at most one fapiao per request number. Sending it again
   * (a retry after a timeout, a poll of a late answer) answers the same fapiao; after a rejection it may
   * be sent again with corrected fields.
   */
  readonly requestNumber: string;
  /** A red invoice: the fapiao it reverses. */
  readonly reverses: IssuedFapiao | null;
}

/** The channel's answer: issued; still being issued (ask again later); or refused, with why. */
export type IssueAnswer =
  | { readonly outcome: 'issued'; readonly fapiao: IssuedFapiao }
  | { readonly outcome: 'pending' }
  | { readonly outcome: 'rejected'; readonly reason: string };

/**
 * Port: the invoicing channel. `issue` is idempotent by request number; it throws when the channel
 * cannot be reached or answers an error of its own (the caller retries later).
 */
export interface InvoicingChannel {
  readonly name: string;
  issue(request: IssueRequest): Promise<IssueAnswer>;
}
