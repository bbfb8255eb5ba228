export * from './create-zhongtai.js';
export * from './tokens.js';
export * from './shared-module.js';
export * from './coupon.js';
export type { CartModuleOptions } from './cart.js';
export type { CheckoutFacade, CheckoutModuleOptions } from './checkout.js';
export * from './fulfilment-module.js';
export { fakePaymentChannel, fakeTransactionId, FakePaymentChannel, type FakeBehaviour, type FakeCallbackBody, type FakeChannelOptions } from '../payment/fake-channel.js';
