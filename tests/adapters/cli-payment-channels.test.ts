import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../adapters/cli/config.js';
import { KNOWN_PAYMENT_CHANNELS, paymentSetup } from '../../adapters/cli/payment-channels.js';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';

/** `serve`'s payment channels (issue #12 finding 1, decision 0019): the fake one in demo mode only, the rest from ZHONGTAI_PAYMENT_CHANNELS. */
describe('serve: payment channels from configuration', () => {
  const names = (setup: ReturnType<typeof paymentSetup>) => createZhongtai({ ordering: { channels: setup.channels } }).payments.channels.names;

  it('demo mode (no ZHONGTAI_JWT_SECRET) takes the fake channel and mounts its page, so the README demo flow pays', () => {
    const setup = paymentSetup(readConfig({}));
    expect([names(setup), setup.fakePaymentPage]).toEqual([['fake'], true]);
    expect(setup.notice).toMatch(/fake channel \(demo mode\)/);
  });

  it('production mode with no channel configured starts without any, no fake page, and says payments answer 422 until one is', () => {
    const setup = paymentSetup(readConfig({ ZHONGTAI_JWT_SECRET: 'a-production-secret-of-32-chars!!' }));
    expect([names(setup), setup.fakePaymentPage]).toEqual([[], false]);
    expect(setup.notice).toMatch(/no channel configured .* 422 PAYMENT\.NO_CHANNEL_CONFIGURED until one is/);
  });

  it('production mode refuses the fake channel at start: it is for demo mode and tests', () => {
    const config = readConfig({ ZHONGTAI_JWT_SECRET: 'a-production-secret-of-32-chars!!', ZHONGTAI_PAYMENT_CHANNELS: 'fake' });
    expect(config.paymentChannels).toEqual(['fake']);
    expect(() => paymentSetup(config)).toThrow(/the fake channel is for demo mode and tests/);
  });

  it('ZHONGTAI_PAYMENT_CHANNELS is a comma-separated list of names; blanks are ignored', () => {
    expect(readConfig({ ZHONGTAI_PAYMENT_CHANNELS: ' fake , ,wechat' }).paymentChannels).toEqual(['fake', 'wechat']);
    expect(readConfig({ ZHONGTAI_PAYMENT_CHANNELS: '' }).paymentChannels).toEqual([]);
  });

  it('property: an unknown channel name is refused at start in either mode, and outside demo mode no setup takes the fake channel or its page', () => {
    const name = fc.oneof(fc.constantFrom(...KNOWN_PAYMENT_CHANNELS), fc.stringMatching(/^[a-z0-9_-]{1,12}$/));
    fc.assert(
      fc.property(fc.boolean(), fc.array(name, { maxLength: 4 }), (demo, list) => {
        const config = { demo, paymentChannels: list };
        const unknown = list.filter((n) => !KNOWN_PAYMENT_CHANNELS.includes(n));
        if (unknown.length > 0) {
          expect(() => paymentSetup(config)).toThrow(/unknown payment channels/);
          return;
        }
        if (!demo && list.includes('fake')) {
          expect(() => paymentSetup(config)).toThrow(/demo mode and tests/);
          return;
        }
        const setup = paymentSetup(config);
        expect(setup.fakePaymentPage).toBe(demo);
        expect(names(setup).includes('fake')).toBe(demo);
      }),
    );
  });
});
