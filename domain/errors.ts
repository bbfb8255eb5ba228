import type { CodeOf, ErrorCatalogue } from './shared/errors.js';
import type { DomainErrorKind } from './shared/domain-error.js';
import { CATALOG_ERRORS } from './catalog/errors.js';
import { DISPATCH_ERRORS } from './dispatch/errors.js';
import { COUPON_ERRORS } from './coupon/errors.js';
import { FREIGHT_ERRORS } from './freight/errors.js';
import { CART_ERRORS } from './cart/errors.js';
import { MEMBERSHIP_ERRORS } from './membership/errors.js';
import { PRICING_ERRORS } from './pricing/errors.js';
import { PROMOTION_ERRORS } from './promotion/errors.js';
import { INVENTORY_ERRORS } from './inventory/errors.js';
import { CHECKOUT_ERRORS } from './checkout/errors.js';
import { CROSSBORDER_ERRORS } from './crossborder/errors.js';
import { ORDER_ERRORS } from './ordering/errors.js';
import { PAYMENT_ERRORS } from './payment/errors.js';
import { RISK_ERRORS } from './risk/errors.js';
import { AFTER_SALES_ERRORS } from './after-sales/errors.js';
import { INVOICE_ERRORS } from './invoice/errors.js';
import { FINANCE_ERRORS } from './finance/errors.js';
import { RECONCILIATION_ERRORS } from './reconciliation/errors.js';

/**
 * Every context's error list (issue #13). A context moved into its module adds its catalogue here; the
 * HTTP layer's code → status table is checked against these kinds by a test.
 */
export const ERROR_CATALOGUES: readonly ErrorCatalogue<string, Readonly<Record<string, DomainErrorKind>>>[] = [
  CATALOG_ERRORS,
  FREIGHT_ERRORS,
  CART_ERRORS,
  PRICING_ERRORS,
  PROMOTION_ERRORS,
  MEMBERSHIP_ERRORS,
  INVENTORY_ERRORS,
  DISPATCH_ERRORS,
  COUPON_ERRORS,
  CHECKOUT_ERRORS,
  CROSSBORDER_ERRORS,
  ORDER_ERRORS,
  PAYMENT_ERRORS,
  RISK_ERRORS,
  AFTER_SALES_ERRORS,
  INVOICE_ERRORS,
  FINANCE_ERRORS,
  RECONCILIATION_ERRORS,
];

/** Every stable business code of zhongtai. */
export type ErrorCode =
  | CodeOf<typeof CATALOG_ERRORS>
  | CodeOf<typeof FREIGHT_ERRORS>
  | CodeOf<typeof CART_ERRORS>
  | CodeOf<typeof PRICING_ERRORS>
  | CodeOf<typeof PROMOTION_ERRORS>
  | CodeOf<typeof MEMBERSHIP_ERRORS>
  | CodeOf<typeof INVENTORY_ERRORS>
  | CodeOf<typeof DISPATCH_ERRORS>
  | CodeOf<typeof COUPON_ERRORS>
  | CodeOf<typeof CHECKOUT_ERRORS>
  | CodeOf<typeof CROSSBORDER_ERRORS>
  | CodeOf<typeof ORDER_ERRORS>
  | CodeOf<typeof PAYMENT_ERRORS>
  | CodeOf<typeof RISK_ERRORS>
  | CodeOf<typeof AFTER_SALES_ERRORS>
  | CodeOf<typeof INVOICE_ERRORS>
  | CodeOf<typeof FINANCE_ERRORS>
  | CodeOf<typeof RECONCILIATION_ERRORS>;

/** The kind of a listed code, or undefined for a code no catalogue lists. */
export function kindOfCode(code: string): DomainErrorKind | undefined {
  for (const c of ERROR_CATALOGUES) {
    const kind = (c.kinds as Readonly<Record<string, DomainErrorKind>>)[code];
    if (kind) return kind;
  }
  return undefined;
}
