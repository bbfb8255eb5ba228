import type { InvoiceRequest } from '../../domain/ordering/order.js';
import type { Channel } from '../../domain/pricing/index.js';
import type { PreviewCheckoutCommand } from '../checkout/index.js';

// What placing an order takes and what it answers (`PlaceOrder`, place-order.ts).

export interface PlaceOrderCommand {
  readonly memberId: string;
  /** 立即购买: this line instead of the cart's selected lines (which then stay in the cart). */
  readonly buyNow?: { readonly skuId: string; readonly quantity: number };
  readonly consignee: {
    readonly name: string;
    readonly phone: string;
    /** The district code delivery is priced and dispatched for. */
    readonly district: string;
    readonly address: string;
    readonly postcode?: string | null;
  };
  /** As in the checkout preview: 'recommended' (default), 'none', or the member's chosen coupon ids. */
  readonly coupons?: 'recommended' | 'none' | readonly string[];
  readonly points?: number | 'max';
  /** The pricing channel (app, mini program …). */
  readonly channel?: Channel;
  readonly level?: string;
  /** Where the order came from (the platform of the shop front). Default 'zhongtai'. */
  readonly platform?: string;
  readonly remark?: string | null;
  readonly invoice?: InvoiceRequest | null;
  /** The payable the member saw on the checkout page: `ORDER.PRICE_CHANGED` when the order would cost anything else now. */
  readonly expectedPayable?: string;
  /** A retried request with the same key gets the first answer; the same key with another request is `ORDER.IDEMPOTENCY_KEY_REUSED`. */
  readonly idempotencyKey?: string;
  /** Tax rates of cross-border lines, as in the checkout preview: such lines are refused, ORDER.CROSS_BORDER_NOT_SUPPORTED (422). */
  readonly crossBorder?: PreviewCheckoutCommand['crossBorder'];
}

export interface PlacedOrderPart {
  readonly orderId: string;
  readonly number: string;
  readonly shopId: string | null;
  readonly warehouseId: string | null;
  readonly payable: string;
}

/** The answer to placing an order: JSON-safe, because it is also what a replayed request gets back. */
export interface PlacedOrder extends PlacedOrderPart {
  readonly memberId: string;
  readonly currency: string;
  readonly placedAt: string;
  /** ORD-3: unpaid at this moment, the order is cancelled and everything it holds is released. */
  readonly payBy: string;
  /** ORD-5: the child orders when it was split (each paid on its own, or together). */
  readonly children: readonly PlacedOrderPart[];
  /** What to pay: the children of a split order, or the order itself. */
  readonly payableOrderIds: readonly string[];
}

export interface PlaceOrderResult extends PlacedOrder {
  /** True when this answers an idempotency key used before: nothing was placed now. */
  readonly replayed: boolean;
}
