import { z } from 'zod';
import type { Zhongtai } from '../../../container/create-zhongtai.js';
import { TextAnswer } from '../notification.js';
import { id, route, type Route } from '../route.js';
import { paymentStaffRoutes } from './staff-routes.js';
import { callbackResult, openedPayment, refundCallbackResult } from './wire.js';

/** What a channel callback (or the fake channel's page, which makes one) may answer. */
export const CALLBACK_ERRORS = {
  401: ['PAYMENT.INVALID_SIGNATURE'],
  404: ['PAYMENT.NOT_FOUND'],
  409: ['PAYMENT.INVALID_TRANSITION'],
  422: ['PAYMENT.INVALID_CALLBACK', 'PAYMENT.AMOUNT_MISMATCH', 'PAYMENT.UNKNOWN_CHANNEL', 'PAYMENT.NO_CHANNEL_CONFIGURED'],
};

/** A channel's name in its callback paths. */
const channelParams = z.object({
  channel: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[a-z0-9_-]+$/),
});

/**
 * Paying orders (spec §10), the payment channels' callbacks, and staff's search and detail of payments and refunds (staff-routes.ts). The member route acts for the token's
 * subject. The callback route is public: the channel adapter checks the signature before anything is read.
 */
export const paymentRoutes: Route[] = [
  route({
    method: 'post',
    path: '/me/payments',
    tag: 'payments',
    access: 'member',
    status: 201,
    response: openedPayment,
    errors: {
      404: ['ORDER.NOT_FOUND'],
      409: ['ORDER.INVALID_TRANSITION', 'ORDER.SPLIT_PARENT', 'PAYMENT.CHANNEL_UNAVAILABLE', 'PAYMENT.ORDER_ALREADY_PAID'],
      422: ['PAYMENT.INVALID_PAYMENT', 'PAYMENT.UNKNOWN_CHANNEL', 'PAYMENT.NO_CHANNEL_CONFIGURED'],
    },
    body: z
      .object({
        orderIds: z.array(id).min(1).max(50),
        channel: z.string().min(1).max(32),
        method: z
          .string()
          .regex(/^[a-z0-9_]{1,16}$/)
          .optional()
          .describe(
            "How the payer pays, in the channel's terms: WeChat Pay `jsapi` | `native` | `h5`, Alipay `page` | `wap` | `app`; the channel's default when absent.",
          ),
        openId: z.string().min(1).max(128).optional().describe("The payer's openid for WeChat Pay JSAPI."),
      })
      .strict(),
    summary:
      "Opens a payment for one order or one combined payment for several child orders (a split parent stands for its unpaid children) and asks the channel to collect it; answers the payment and the channel's pay URL. Asking again while it is open answers the same payment; an order already paid is 409 PAYMENT.ORDER_ALREADY_PAID; with no channel configured, 422 PAYMENT.NO_CHANNEL_CONFIGURED. Closes unpaid at its expiry (PAY-2).",
    handler: (ctx) =>
      ctx.zt.payments.pay({
        memberId: ctx.identity!.subject,
        orderIds: ctx.body.orderIds,
        channel: ctx.body.channel,
        ...(ctx.body.method ? { method: ctx.body.method } : {}),
        payer: { ...(ctx.body.openId ? { openId: ctx.body.openId } : {}), ...(ctx.clientIp ? { ip: ctx.clientIp } : {}) },
      }),
  }),
  route({
    method: 'post',
    path: '/payments/callbacks/:channel',
    tag: 'payments',
    access: 'public',
    response: z.union([callbackResult, refundCallbackResult]),
    errors: { ...CALLBACK_ERRORS, 422: [...CALLBACK_ERRORS[422], 'PAYMENT.INVALID_REFUND'] },
    params: channelParams,
    body: z.unknown(),
    notification: true,
    summary:
      "A payment channel's success notification (PAY-1), in the channel's own format (JSON, or form fields for Alipay), checked against the exact body and headers; answered with the channel's expected acknowledgement where it has one (Alipay: the text `success`). A channel that sends its refund notifications to this address too (Alipay) has them handled as refund notifications (see the `/refunds` route). A channel the shop does not take is 422 PAYMENT.UNKNOWN_CHANNEL (PAYMENT.NO_CHANNEL_CONFIGURED when it takes none). The signature is checked first (401 PAYMENT.INVALID_SIGNATURE); a wrong amount is 422 PAYMENT.AMOUNT_MISMATCH with nothing written; a duplicate answers the first outcome; a success for a closed payment or a cancelled order is flagged late and refunded automatically.",
    handler: async (ctx) => {
      const cmd = { channel: ctx.params.channel, body: ctx.body, request: rawOf(ctx.raw) };
      // A channel that sends refund notifications here too (Alipay) has them handled as such.
      const refund = ctx.zt.payments.channels.get(cmd.channel).isRefundNotification?.(cmd.body, cmd.request) ?? false;
      return acknowledged(ctx.zt, cmd.channel, refund ? await ctx.zt.payments.handleRefundCallback(cmd) : await ctx.zt.payments.handleCallback(cmd));
    },
  }),
  route({
    method: 'post',
    path: '/payments/callbacks/:channel/refunds',
    tag: 'payments',
    access: 'public',
    response: refundCallbackResult,
    errors: {
      401: ['PAYMENT.INVALID_SIGNATURE'],
      404: ['PAYMENT.NOT_FOUND'],
      422: ['PAYMENT.UNKNOWN_CHANNEL', 'PAYMENT.NO_CHANNEL_CONFIGURED', 'PAYMENT.INVALID_CALLBACK', 'PAYMENT.INVALID_REFUND', 'PAYMENT.AMOUNT_MISMATCH'],
    },
    params: channelParams,
    body: z.unknown(),
    notification: true,
    summary:
      "A payment channel's refund notification (退款通知), for a refund it took and finished later. The signature is checked first (401 PAYMENT.INVALID_SIGNATURE); a refund the payment did not make is 422 PAYMENT.INVALID_REFUND, another amount 422 PAYMENT.AMOUNT_MISMATCH, nothing written. A success acknowledges the refund once (a second or late notification answers `replayed`); a failure asks the channel again under the same refund id.",
    handler: async (ctx) =>
      acknowledged(
        ctx.zt,
        ctx.params.channel,
        await ctx.zt.payments.handleRefundCallback({ channel: ctx.params.channel, body: ctx.body, request: rawOf(ctx.raw) }),
      ),
  }),
  ...paymentStaffRoutes,
];

function rawOf(raw: { readonly body: string; readonly headers: Readonly<Record<string, string | undefined>> } | undefined) {
  return raw ? { rawBody: raw.body, headers: raw.headers } : undefined;
}

/** A handled notification's answer: the channel's own acknowledgement where it expects one, else the JSON result. */
function acknowledged<T>(zt: Zhongtai, channel: string, result: T): T | TextAnswer {
  const ack = zt.payments.channels.get(channel).acknowledgement;
  return ack ? new TextAnswer(ack.contentType, ack.body) : result;
}
