import { checkoutAddress, quoteCheckout, type CheckoutPreview, type CrossBorderRates } from '../../domain/checkout/index.js';
import type { Channel } from '../../domain/pricing/index.js';
import type { Transaction } from '../shared/unit-of-work.js';
import type { CheckoutDeps } from './deps.js';
import { loadCheckout } from './load-checkout.js';

export interface PreviewCheckoutCommand {
  readonly memberId: string;
  /** 立即购买: this line instead of the cart's selected lines. */
  readonly buyNow?: { readonly skuId: string; readonly quantity: number };
  /** The delivery address: a district code (CHECKOUT.INVALID_ADDRESS otherwise). */
  readonly address: string;
  /** 'recommended' (default: the engine's best combination, CPN-1/PRM-4), 'none', or the coupon ids the member chose. */
  readonly coupons?: 'recommended' | 'none' | readonly string[];
  /** Points to spend (whole number, or 'max'); default none. */
  readonly points?: number | 'max';
  readonly channel?: Channel;
  readonly level?: string;
  /** The lines that are cross-border imports, with their tax rates. */
  readonly crossBorder?: readonly CrossBorderRates[];
  /** The buyer's identity customs checks (订购人); default `member:<memberId>`. */
  readonly personId?: string;
}

/**
 * 结算页 (issue #5 item 3): prices what the member would buy — the cart's selected valid lines or a
 * buy-now line — to an address, with coupons and points, per PRM-3 (docs/contexts/checkout.md):
 * the address checked (CHECKOUT.INVALID_ADDRESS), every input loaded (`loadCheckout`), then the whole
 * quote computed from them (`quoteCheckout`, pure). One unit of work; writes nothing.
 */
export class PreviewCheckout {
  constructor(private readonly deps: CheckoutDeps) {}

  async execute(cmd: PreviewCheckoutCommand): Promise<CheckoutPreview> {
    const address = checkoutAddress(cmd.address);
    return this.deps.uow.run((tx) => this.preview(tx, cmd, address));
  }

  /** The same preview inside a transaction the caller runs (placing an order prices what it locks, in one transaction). */
  inTransaction(tx: Transaction, cmd: PreviewCheckoutCommand): Promise<CheckoutPreview> {
    return this.preview(tx, cmd, checkoutAddress(cmd.address));
  }

  private async preview(tx: Transaction, cmd: PreviewCheckoutCommand, address: string): Promise<CheckoutPreview> {
    const now = this.deps.clock.now();
    const inputs = await loadCheckout(tx, this.deps, cmd, now);
    return quoteCheckout(inputs, { ...cmd, address, source: cmd.buyNow ? 'buy_now' : 'cart' }, now);
  }
}
