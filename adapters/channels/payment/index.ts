// Payment channels (the technology of collecting money: WeChat Pay, Alipay … and the fake one for demo mode and tests).
export {
  fakePaymentChannel,
  fakeTransactionId,
  FakePaymentChannel,
  type FakeBehaviour,
  type FakeCallbackBody,
  type FakeRefundCallbackBody,
  type FakeChannelOptions,
} from './fake-channel.js';
export * from './wechatpay/index.js';
export * from './alipay/index.js';
export * from './stripe/index.js';
