// The WeChat Pay API v3 channel (decision 0034): `createZhongtai({ ordering: { channels: [wechatPayChannel(config)] } })`.
export { WECHATPAY_METHODS, wechatPayChannel, WechatPayChannel, type WechatPayMethod, type WechatPayRefundRequest } from './channel.js';
export { WechatPayRefusal, type WechatPayRuntime } from './client.js';
export {
  resolveWechatPayConfig,
  WECHATPAY_BASE_URL,
  WECHATPAY_ENV,
  wechatPayConfigFromEnv,
  WechatPayConfigError,
  type ResolvedWechatPayConfig,
  type WechatPayConfig,
} from './config.js';
export { parseTradeBill } from './statement.js';
