import type { Money } from '../shared/money.js';
import type { LineAmounts } from './amounts.js';
import type { OrderKind, OrderStatus } from './status.js';

// The values an order holds (its snapshot, its lines, what placing it takes); the aggregate is order.ts.

export interface Consignee {
  readonly name: string;
  readonly phone: string;
  /** Province, city, district … as the address book gives them. */
  readonly region: readonly string[];
  readonly address: string;
  readonly postcode: string | null;
}

export interface InvoiceRequest {
  readonly title: string;
  readonly taxNumber: string | null;
}

/** ORD-5: what every child order copies from its parent. */
export interface OrderCommon {
  readonly memberId: string;
  readonly memberLevel: string | null;
  /** Null for a service order without delivery. */
  readonly consignee: Consignee | null;
  readonly platform: string;
  readonly channel: string;
  readonly invoice: InvoiceRequest | null;
  readonly remark: string | null;
}

export interface OrderLine {
  /** The pricing line id; a child's line keeps the parent's line id. */
  readonly lineId: string;
  readonly skuId: string;
  readonly spuId: string;
  readonly title: string;
  readonly specs: Readonly<Record<string, string>>;
  readonly image: string | null;
  readonly shopId: string;
  readonly quantity: number;
  readonly unitPrice: Money;
  /** ORD-1 / ORD-4: goods and each discount's share of this line. */
  readonly amounts: LineAmounts;
}

export type CancelCause = 'member' | 'timeout' | 'risk_control';
export type CloseReason = 'cancelled_after_payment' | 'fully_refunded';
export type ReceiptBy = 'member' | 'auto';

export interface OrderSnapshot {
  readonly id: string;
  /** The number shown to people and sent to payment channels. */
  readonly number: string;
  readonly kind: OrderKind;
  /** ORD-5: set on a child order. */
  readonly parentId: string | null;
  /** ORD-5: set on a parent once it is split; its status then follows them (`parentStatus`). */
  readonly childIds: readonly string[];
  /** The shop when every line is of one shop (every child order), else null. */
  readonly shopId: string | null;
  /** The shipping warehouse a child was split for (DSP-1), when known. */
  readonly warehouseId: string | null;
  readonly common: OrderCommon;
  readonly currency: string;
  readonly lines: readonly OrderLine[];
  readonly freight: Money;
  readonly freightCouponDiscount: Money;
  readonly status: OrderStatus;
  readonly placedAt: Date;
  /** ORD-3: unpaid at this moment, the order is cancelled by the timeout. */
  readonly payBy: Date;
  readonly payment: { readonly paymentId: string; readonly paidAt: Date } | null;
  readonly verification: { readonly code: string; readonly issuedAt: Date; readonly redeemedAt: Date | null; readonly redeemedByShop: string | null } | null;
  readonly shipment: { readonly carrier: string; readonly trackingNumber: string; readonly shippedAt: Date; readonly autoConfirmAt: Date } | null;
  readonly receipt: { readonly by: ReceiptBy; readonly at: Date } | null;
  readonly cancellation: { readonly by: CancelCause; readonly at: Date; readonly reason: string | null } | null;
  readonly closure: { readonly reason: CloseReason; readonly at: Date } | null;
  /**
   * What the member spent on the order at placing (top-level orders only; children leave it empty):
   * the coupons it locked and the points it deducted, so cancelling gives them back and paying uses them.
   */
  readonly benefits: OrderBenefits;
  /** Units refunded before shipping, per line (after-sales' refund only): they stay off the parcel. */
  readonly withheld?: Readonly<Record<string, number>>;
  readonly completedAt: Date | null;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface OrderBenefits {
  readonly couponIds: readonly string[];
  readonly points: number;
  /** Activities whose per-member purchase limit (限购) the order consumed. */
  readonly limitedActivityIds: readonly string[];
}

export interface NewOrder {
  readonly id: string;
  readonly number: string;
  readonly kind?: OrderKind;
  readonly common: OrderCommon;
  readonly currency?: string;
  readonly lines: readonly OrderLine[];
  readonly freight: Money;
  readonly freightCouponDiscount?: Money;
  readonly placedAt: Date;
  /** placedAt + the configured unpaid timeout (ORD-3). */
  readonly payBy: Date;
  readonly warehouseId?: string | null;
  readonly benefits?: OrderBenefits;
}

export interface ReplayOutcome {
  /** The same command was applied before: nothing changed now. */
  readonly replayed: boolean;
}

/** The shop that sold the order: its own (every line of one shop), else its first line's. */
export const sellingShopOf = (s: Pick<OrderSnapshot, 'shopId' | 'lines'>): string => s.shopId ?? s.lines[0]?.shopId ?? '';
