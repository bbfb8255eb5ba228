export * from './create-zhongtai.js';
export * from './tokens.js';
export * from './shared-module.js';
export * from './coupon.js';
export type { CartModuleOptions } from './cart.js';
export type { CheckoutFacade, CheckoutModuleOptions } from './checkout.js';
export type { FulfilmentModuleOptions } from './fulfilment.js';
export type { OrderingModuleOptions } from './ordering.js';
export { fakePaymentChannel, fakeTransactionId, FakePaymentChannel, type FakeBehaviour, type FakeCallbackBody, type FakeChannelOptions } from '../channels/payment/index.js';
