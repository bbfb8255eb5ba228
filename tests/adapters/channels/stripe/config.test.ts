// The Stripe channel's configuration: from ZHONGTAI_STRIPE_* (inline or *_FILE), and no secret in any error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StripePaymentChannel, stripeConfigFromEnv } from '../../../../adapters/channels/payment/stripe/index.js';
import { DomainError } from '../../../../domain/shared/domain-error.js';
import { Money } from '../../../../domain/shared/money.js';
import { FakeStripe } from '../../../support/fakes/stripe-server.js';

const dir = mkdtempSync(join(tmpdir(), 'zt-stripe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = 'sk_test_51SecretValueThatMustNotLeak';
const WHSEC = 'whsec_AnotherSecretThatMustNotLeak';
const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
};

describe('stripeConfigFromEnv', () => {
  it('reads the secrets inline and the API, timeout, retries and tolerance settings', () => {
    expect(
      stripeConfigFromEnv({
        ZHONGTAI_STRIPE_SECRET_KEY: KEY,
        ZHONGTAI_STRIPE_WEBHOOK_SECRET: WHSEC,
        ZHONGTAI_STRIPE_API_HOST: 'localhost',
        ZHONGTAI_STRIPE_API_PORT: '12111',
        ZHONGTAI_STRIPE_API_PROTOCOL: 'http',
        ZHONGTAI_STRIPE_TIMEOUT_MS: '5000',
        ZHONGTAI_STRIPE_MAX_NETWORK_RETRIES: '3',
        ZHONGTAI_STRIPE_WEBHOOK_TOLERANCE_SECONDS: '600',
      }),
    ).toEqual({
      secretKey: KEY,
      webhookSecret: WHSEC,
      api: { host: 'localhost', port: 12111, protocol: 'http' },
      timeoutMs: 5000,
      maxNetworkRetries: 3,
      webhookToleranceSeconds: 600,
    });
    expect(stripeConfigFromEnv({ ZHONGTAI_STRIPE_SECRET_KEY: KEY, ZHONGTAI_STRIPE_WEBHOOK_SECRET: WHSEC })).toEqual({ secretKey: KEY, webhookSecret: WHSEC });
  });

  it('reads *_FILE (a mounted secret, its trailing newline dropped)', () => {
    writeFileSync(join(dir, 'key'), `${KEY}\n`);
    writeFileSync(join(dir, 'whsec'), `${WHSEC}\n`);
    const config = stripeConfigFromEnv({ ZHONGTAI_STRIPE_SECRET_KEY_FILE: join(dir, 'key'), ZHONGTAI_STRIPE_WEBHOOK_SECRET_FILE: join(dir, 'whsec') });
    expect([config.secretKey, config.webhookSecret]).toEqual([KEY, WHSEC]);
  });

  it("takes the refund endpoint's own signing secret when there is one (Stripe gives each endpoint its own)", () => {
    writeFileSync(join(dir, 'refund-whsec'), 'whsec_RefundEndpoint\n');
    const env = { ZHONGTAI_STRIPE_SECRET_KEY: KEY, ZHONGTAI_STRIPE_WEBHOOK_SECRET: WHSEC };
    expect(stripeConfigFromEnv({ ...env, ZHONGTAI_STRIPE_REFUND_WEBHOOK_SECRET_FILE: join(dir, 'refund-whsec') }).refundWebhookSecret).toBe(
      'whsec_RefundEndpoint',
    );
    expect(messageOf(() => stripeConfigFromEnv({ ...env, ZHONGTAI_STRIPE_REFUND_WEBHOOK_SECRET: 'RefundLeak' }))).toBe(
      'the Stripe refund webhook signing secret is not one (whsec_…)',
    );
  });

  it('refuses a missing, doubled, unreadable or malformed setting with the variable named and the secret not shown', () => {
    const messages = [
      messageOf(() => stripeConfigFromEnv({ ZHONGTAI_STRIPE_WEBHOOK_SECRET: WHSEC })),
      messageOf(() => stripeConfigFromEnv({ ZHONGTAI_STRIPE_SECRET_KEY: KEY, ZHONGTAI_STRIPE_SECRET_KEY_FILE: '/x', ZHONGTAI_STRIPE_WEBHOOK_SECRET: WHSEC })),
      messageOf(() => stripeConfigFromEnv({ ZHONGTAI_STRIPE_SECRET_KEY_FILE: join(dir, 'absent'), ZHONGTAI_STRIPE_WEBHOOK_SECRET: WHSEC })),
      messageOf(() => stripeConfigFromEnv({ ZHONGTAI_STRIPE_SECRET_KEY: `pk_live_${KEY}`, ZHONGTAI_STRIPE_WEBHOOK_SECRET: WHSEC })),
      messageOf(() => stripeConfigFromEnv({ ZHONGTAI_STRIPE_SECRET_KEY: KEY, ZHONGTAI_STRIPE_WEBHOOK_SECRET: `x${WHSEC}` })),
      messageOf(() => stripeConfigFromEnv({ ZHONGTAI_STRIPE_SECRET_KEY: KEY, ZHONGTAI_STRIPE_WEBHOOK_SECRET: WHSEC, ZHONGTAI_STRIPE_API_PORT: '70000' })),
      messageOf(() =>
        stripeConfigFromEnv({ ZHONGTAI_STRIPE_SECRET_KEY: KEY, ZHONGTAI_STRIPE_WEBHOOK_SECRET: WHSEC, ZHONGTAI_STRIPE_MAX_NETWORK_RETRIES: 'many' }),
      ),
    ];
    expect(messages).toEqual([
      'ZHONGTAI_STRIPE_SECRET_KEY (or ZHONGTAI_STRIPE_SECRET_KEY_FILE) is not set',
      'set ZHONGTAI_STRIPE_SECRET_KEY or ZHONGTAI_STRIPE_SECRET_KEY_FILE, not both',
      'ZHONGTAI_STRIPE_SECRET_KEY_FILE cannot be read (ENOENT)',
      'the Stripe secret key is not an API secret key (sk_test_…, sk_live_…, rk_…)',
      'the Stripe webhook signing secret is not one (whsec_…)',
      'the Stripe API port is 1 to 65535',
      'ZHONGTAI_STRIPE_MAX_NETWORK_RETRIES is not a whole number',
    ]);
    for (const m of messages) expect(m).not.toMatch(/SecretValue|AnotherSecret/);
  });
});

describe('no secret in what the channel throws', () => {
  it('a key Stripe refuses (401: Stripe echoes it masked) is CHANNEL_UNAVAILABLE, not retryable, naming the setting and neither the key nor its mask', async () => {
    const fake = await FakeStripe.start();
    try {
      const channel = new StripePaymentChannel(fake.config({ secretKey: KEY }));
      const e = await channel.charge({ paymentNumber: 'P-1', amount: Money.of('1.00', 'CNY'), description: 'd' }).catch((x: unknown) => x);
      expect(e instanceof DomainError && [e.code, e.details.retryable, e.details.status]).toEqual(['PAYMENT.CHANNEL_UNAVAILABLE', false, 401]);
      const text = `${(e as Error).message} ${JSON.stringify((e as DomainError).details)} ${String((e as Error).stack)}`;
      expect(text).toContain('ZHONGTAI_STRIPE_SECRET_KEY');
      expect(text).not.toMatch(/sk_test|Leak|SecretValue/);
      // The fake did answer with the masked key, as Stripe does: the channel left it out.
      expect(fake.requests.map((r) => r.status)).toEqual([401]);
    } finally {
      await fake.close();
    }
  });

  it('a webhook signed with another secret is refused without the secret in the error', () => {
    const channel = new StripePaymentChannel({ secretKey: KEY, webhookSecret: WHSEC });
    const raw = '{"id":"evt_1","object":"event"}';
    const header = new FakeStripe().sign(raw, new Date(), 'whsec_other');
    try {
      channel.verifyCallback(null, { rawBody: raw, headers: { 'stripe-signature': header } });
      expect.unreachable();
    } catch (e) {
      expect(e instanceof DomainError && e.code).toBe('PAYMENT.INVALID_SIGNATURE');
      expect(`${(e as Error).message} ${JSON.stringify((e as DomainError).details)}`).not.toMatch(/whsec_|AnotherSecret/);
    }
  });
});
