// The checkout context's public edge (结算页): the preview use case (placing an order runs it inside its
// own transaction: `inTransaction`), its deps and the `CheckoutPoints` port membership fills, and the
// types others use. The quote itself is pure, in `domain/checkout/index.ts`.
export * from './deps.js';
export * from './preview-checkout.js';
export {
  checkoutAddress,
  type CheckoutLine,
  type CheckoutPreview,
  type CheckoutShop,
  type ChildOrder,
  type CrossBorderRates,
} from '../../domain/checkout/index.js';
