import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alipayConfigFromEnv } from '../../../../adapters/channels/payment/alipay/index.js';
import { keys } from './setup.js';

const base64Of = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
const env = (o: Record<string, string>) => ({ ZHONGTAI_ALIPAY_APP_ID: '2021000000000001', ...o });
const messageOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('alipayConfigFromEnv', () => {
  it('reads the keys inline (PEM with \\n escapes, or bare base64) or from *_FILE, and the URLs, timeout and retries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-'));
    writeFileSync(join(dir, 'app.pem'), keys.app.privateKey);
    const fromFile = alipayConfigFromEnv(
      env({
        ZHONGTAI_ALIPAY_PRIVATE_KEY_FILE: join(dir, 'app.pem'),
        ZHONGTAI_ALIPAY_PUBLIC_KEY: base64Of(keys.alipay.publicKey),
        ZHONGTAI_ALIPAY_GATEWAY: 'http://127.0.0.1:8000/gateway.do',
        ZHONGTAI_ALIPAY_NOTIFY_URL: 'https://shop.example.com/payments/callbacks/alipay',
        ZHONGTAI_ALIPAY_TIMEOUT_MS: '3000',
        ZHONGTAI_ALIPAY_RETRIES: '2',
      }),
    );
    expect(fromFile).toEqual({
      appId: '2021000000000001',
      privateKey: keys.app.privateKey.trim(),
      alipayPublicKey: base64Of(keys.alipay.publicKey),
      gateway: 'http://127.0.0.1:8000/gateway.do',
      notifyUrl: 'https://shop.example.com/payments/callbacks/alipay',
      timeoutMs: 3000,
      retry: { attempts: 3 },
    });
    const inline = alipayConfigFromEnv(
      env({ ZHONGTAI_ALIPAY_PRIVATE_KEY: keys.app.privateKey.replaceAll('\n', '\\n'), ZHONGTAI_ALIPAY_PUBLIC_KEY: keys.alipay.publicKey }),
    );
    expect(inline.privateKey).toBe(keys.app.privateKey.trim());
    expect(inline.gateway).toBeUndefined();
  });

  it('refuses a bad setting naming the variable, never quoting a key', () => {
    const good = { ZHONGTAI_ALIPAY_PRIVATE_KEY: keys.app.privateKey, ZHONGTAI_ALIPAY_PUBLIC_KEY: keys.alipay.publicKey };
    const broken = `${keys.app.privateKey.slice(0, 300)}\n-----END PRIVATE KEY-----\n`;
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...good, ZHONGTAI_ALIPAY_APP_ID: '' }, /ZHONGTAI_ALIPAY_APP_ID is not set/],
      [{ ...good, ZHONGTAI_ALIPAY_APP_ID: 'abc' }, /16-digit/],
      [{ ZHONGTAI_ALIPAY_PUBLIC_KEY: keys.alipay.publicKey }, /ZHONGTAI_ALIPAY_PRIVATE_KEY \(or ZHONGTAI_ALIPAY_PRIVATE_KEY_FILE\) is not set/],
      [{ ...good, ZHONGTAI_ALIPAY_PRIVATE_KEY: broken }, /ZHONGTAI_ALIPAY_PRIVATE_KEY is not an RSA key/],
      [{ ...good, ZHONGTAI_ALIPAY_PUBLIC_KEY: keys.app.privateKey }, /ZHONGTAI_ALIPAY_PUBLIC_KEY is not an RSA key/],
      [{ ...good, ZHONGTAI_ALIPAY_PRIVATE_KEY_FILE: '/nonexistent/app.pem' }, /set ZHONGTAI_ALIPAY_PRIVATE_KEY or ZHONGTAI_ALIPAY_PRIVATE_KEY_FILE, not both/],
      [{ ZHONGTAI_ALIPAY_PRIVATE_KEY_FILE: '/nonexistent/app.pem' }, /ZHONGTAI_ALIPAY_PRIVATE_KEY_FILE: cannot read \/nonexistent\/app.pem \(ENOENT\)/],
      [{ ...good, ZHONGTAI_ALIPAY_GATEWAY: 'ftp://x' }, /ZHONGTAI_ALIPAY_GATEWAY is not an http\(s\) URL/],
      [{ ...good, ZHONGTAI_ALIPAY_TIMEOUT_MS: '5s' }, /ZHONGTAI_ALIPAY_TIMEOUT_MS is a whole number/],
      [{ ...good, ZHONGTAI_ALIPAY_APP_CERT: 'x' }, /certificate mode needs/],
    ];
    for (const [vars, message] of cases) {
      const m = messageOf(() => alipayConfigFromEnv(env(vars)));
      expect(m).toMatch(message);
      for (const pem of [keys.app.privateKey, keys.alipay.publicKey]) {
        for (const line of base64Of(pem).match(/.{16}/g)!) expect(m).not.toContain(line);
      }
      expect(m).not.toContain('BEGIN');
    }
  });
});
