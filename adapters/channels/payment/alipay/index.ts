// The Alipay payment channel (支付宝), on the official alipay-sdk (decision 0035).
export { AlipayPaymentChannel, alipayPaymentChannel, type AlipayMethod } from './channel.js';
export { ALIPAY_GATEWAY, alipayConfigFromEnv, type AlipayConfig, type AlipayRetryPolicy } from './config.js';
export { parseAlipayStatement } from './statement.js';
export { fromYuan, toYuan } from './yuan.js';
