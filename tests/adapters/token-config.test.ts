import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../adapters/cli/config.js';
import { parseTokenKeys, tokenSettings } from '../../adapters/cli/token-config.js';
import { Hs256Authenticator, keyId, signToken, type Identity } from '../../adapters/http/express/index.js';

// Decision 0022: the keys of `serve` — ZHONGTAI_JWT_SECRET signs, ZHONGTAI_JWT_KEYS lists older keys
// that still verify, ZHONGTAI_JWT_ISSUER names the issuer; in demo mode a secret inside the data folder.

const root = mkdtempSync(join(tmpdir(), 'zt-token-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => join(root, `shop-${++n}`, 'data');
const demo = (dataDir: string) => readConfig({ ZHONGTAI_DATA_DIR: dataDir });
const mode = (file: string) => statSync(file).mode & 0o777;
const staff: Identity = { subject: 's', kind: 'staff', roles: ['admin'] };

const SECRET = 'current-secret-0123456789-abcdefghij';
const OLD = 'previous-secret-0123456789-abcdefghij';
const OLDER = 'oldest-secret-0123456789-abcdefghijkl';

describe('the demo secret (no ZHONGTAI_JWT_SECRET)', () => {
  it('lives inside the data folder, mode 0600, and is the same on the next start', () => {
    const dataDir = folder();
    const first = demo(dataDir).tokens();
    const file = join(dataDir, 'demo-secret');
    expect(existsSync(file)).toBe(true);
    expect(mode(file)).toBe(0o600);
    expect(existsSync(join(dataDir, '..', 'demo-secret'))).toBe(false);
    expect(demo(dataDir).tokens()).toEqual(first);
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
  });

  it('is not shared by sibling data folders under one parent', () => {
    const a = join(root, 'siblings', 'a');
    const b = join(root, 'siblings', 'b');
    const tokenOfA = signToken(staff, demo(a).tokens());
    expect(() => new Hs256Authenticator(demo(b).tokens()).authenticate(`Bearer ${tokenOfA}`)).toThrow(expect.objectContaining({ status: 401 }));
    expect(new Hs256Authenticator(demo(a).tokens()).authenticate(`Bearer ${tokenOfA}`)).toEqual(staff);
  });

  it('an existing file readable by others is tightened to 0600 (with a warning), keeping the secret', async () => {
    const dataDir = folder();
    const first = demo(dataDir).tokens();
    const file = join(dataDir, 'demo-secret');
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      expect(demo(dataDir).tokens()).toEqual(first);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(mode(file)).toBe(0o600);
    expect(warnings.join()).toMatch(/was readable by others/);
  });

  it.skipIf(process.getuid?.() !== 0)('a file owned by another user is refused', () => {
    const dataDir = folder();
    demo(dataDir).tokens();
    chownSync(join(dataDir, 'demo-secret'), 4242, 4242);
    expect(() => demo(dataDir).tokens()).toThrow(/owned by another user/);
  });

  it('a symbolic link, or a file holding no usable secret, is refused', () => {
    const linked = folder();
    mkdirSync(linked, { recursive: true });
    writeFileSync(join(root, 'elsewhere'), 'x'.repeat(40), { mode: 0o600 });
    symlinkSync(join(root, 'elsewhere'), join(linked, 'demo-secret'));
    expect(() => demo(linked).tokens()).toThrow(/not a regular file/);
    const short = folder();
    mkdirSync(short, { recursive: true });
    writeFileSync(join(short, 'demo-secret'), 'too-short', { mode: 0o600 });
    expect(() => demo(short).tokens()).toThrow(/no usable secret/);
  });

  it('with memory:// nothing is written: one secret for the life of this process, so printed tokens keep working in it', () => {
    const settings = tokenSettings({}, 'memory://');
    expect(settings.keys).toHaveLength(1);
    expect(String(settings.keys[0]).length).toBeGreaterThanOrEqual(32);
    expect(tokenSettings({}, 'memory://')).toEqual(settings);
    expect(existsSync('memory:')).toBe(false);
  });
});

describe('ZHONGTAI_JWT_SECRET, ZHONGTAI_JWT_KEYS, ZHONGTAI_JWT_ISSUER', () => {
  it('the secret signs; the older keys listed verify, as kid:secret or as a bare secret (its kid derived like the current one)', () => {
    const before = signToken(staff, OLD);
    const older = signToken(staff, { keys: [{ kid: 'k2025', secret: OLDER }] });
    const settings = readConfig({ ZHONGTAI_JWT_SECRET: SECRET, ZHONGTAI_JWT_KEYS: ` ${OLD} , k2025:${OLDER}` }).tokens();
    expect(settings.keys).toEqual([SECRET, OLD, { kid: 'k2025', secret: OLDER }]);
    const verifier = new Hs256Authenticator(settings);
    for (const token of [before, older, signToken(staff, settings)]) expect(verifier.authenticate(`Bearer ${token}`)).toEqual(staff);
    const header = JSON.parse(Buffer.from(signToken(staff, settings).split('.')[0]!, 'base64url').toString());
    expect(header.kid).toBe(keyId(SECRET));
  });

  it('the issuer defaults to zhongtai and is configurable', () => {
    expect(readConfig({ ZHONGTAI_JWT_SECRET: SECRET }).tokens().issuer).toBe('zhongtai');
    expect(readConfig({ ZHONGTAI_JWT_SECRET: SECRET, ZHONGTAI_JWT_ISSUER: 'https://login.example.com' }).tokens().issuer).toBe('https://login.example.com');
  });

  it('is validated at start with messages naming the variable', () => {
    const tokens = (env: Record<string, string>) => () => readConfig(env).tokens();
    expect(tokens({ ZHONGTAI_JWT_SECRET: 'short' })).toThrow(/ZHONGTAI_JWT_SECRET.*32 characters/);
    expect(tokens({ ZHONGTAI_JWT_SECRET: SECRET, ZHONGTAI_JWT_KEYS: 'k1:short' })).toThrow(/ZHONGTAI_JWT_KEYS.*32 characters/);
    expect(tokens({ ZHONGTAI_JWT_SECRET: SECRET, ZHONGTAI_JWT_KEYS: `bad kid:${OLD}` })).toThrow(/ZHONGTAI_JWT_KEYS.*key id/);
    expect(tokens({ ZHONGTAI_JWT_SECRET: SECRET, ZHONGTAI_JWT_KEYS: `${SECRET}` })).toThrow(/listed twice/);
    expect(tokens({ ZHONGTAI_JWT_KEYS: `k1:${OLD}` })).toThrow(/ZHONGTAI_JWT_KEYS needs ZHONGTAI_JWT_SECRET/);
    expect(tokens({ ZHONGTAI_JWT_SECRET: SECRET, ZHONGTAI_JWT_ISSUER: '' })).toThrow(/ZHONGTAI_JWT_ISSUER/);
  });

  it('property: any list of keys written as ZHONGTAI_JWT_KEYS reads back as the same keys', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9_-]{32,48}$/);
    const key = fc.oneof(secret, fc.record({ kid: fc.stringMatching(/^[A-Za-z0-9._-]{1,16}$/), secret }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 5 }), (keys) => {
        const text = keys.map((k) => (typeof k === 'string' ? k : `${k.kid}:${k.secret}`)).join(',');
        expect(parseTokenKeys(text)).toEqual(keys);
      }),
    );
  });
});
