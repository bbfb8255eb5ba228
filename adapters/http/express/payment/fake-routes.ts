import { z } from 'zod';
import type { Zhongtai } from '../../../container/create-zhongtai.js';
import { FakePaymentChannel } from '../../../channels/payment/fake-channel.js';
import { route, type Route } from '../route.js';
import { CALLBACK_ERRORS } from './routes.js';
import { callbackResult } from './wire.js';

/**
 * The fake channel's payment page (decision 0019): only on a router created with `fakePaymentPage: true`
 * (the demo mode of `serve`, tests) for a Zhongtai that takes the fake channel; asking for the page
 * without the fake channel is a configuration error. Anywhere else the path is the router's 404.
 */
export function fakePaymentRoutes(zt: Zhongtai): Route[] {
  const fake = zt.payments.channels.has('fake') ? zt.payments.channels.get('fake') : null;
  if (!(fake instanceof FakePaymentChannel)) {
    throw new Error('fakePaymentPage needs the fake payment channel: createZhongtai({ ordering: { channels: [fakePaymentChannel()] } })');
  }
  return [
    route({
      method: 'post',
      path: '/payments/fake/:paymentNumber/complete',
      tag: 'payments',
      access: 'public',
      response: callbackResult,
      errors: CALLBACK_ERRORS,
      params: z.object({
        paymentNumber: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[A-Za-z0-9_-]+$/),
      }),
      summary:
        "The fake channel's payment page (demo mode and tests only): the payer pays, and the fake channel sends its signed callback for the payment as stored, as a real channel would call /payments/callbacks/fake. The same payment always has the same transaction id: completing it again answers like the first time and records nothing (PAY-1).",
      handler: (ctx) => fake.complete(ctx.params.paymentNumber),
    }),
  ];
}
