import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, Hs256Authenticator, keyId, signToken, type Identity } from '../../adapters/http/express/index.js';
import { rawToken } from '../support/tokens.js';

// Decision 0022: staff and member tokens told apart by audience, issuer checked, keys by kid.

const OLD = 'old-secret-0123456789-abcdefghijklmnop';
const NEW = 'new-secret-0123456789-abcdefghijklmnop';
const T = 1_800_000_000_000;
const clock = () => T;
const now = Math.floor(T / 1000);
const staff: Identity = { subject: 'staff-1', kind: 'staff', roles: ['catalog'] };
const member: Identity = { subject: 'member-1', kind: 'member', roles: [] };

/** A bearer header with any header and claims, signed with `secret`. */
const bearer = (header: object, claims: object, secret: string) => `Bearer ${rawToken(header, claims, secret)}`;
const header = (secret = NEW) => ({ alg: 'HS256', typ: 'JWT', kid: keyId(secret) });
const claims = (over: Record<string, unknown> = {}) => ({
  sub: 'x-1',
  kind: 'staff',
  roles: ['admin'],
  iss: 'zhongtai',
  aud: AUDIENCE.staff,
  iat: now,
  exp: now + 600,
  ...over,
});
const verifier = new Hs256Authenticator({ keys: [NEW], clock });
const rejects = (authorization: string, why: RegExp, by = verifier) => {
  expect(() => by.authenticate(authorization)).toThrow(
    expect.objectContaining({ status: 401, code: 'AUTH.INVALID_TOKEN', message: expect.stringMatching(why) }),
  );
};

describe('Hs256Authenticator: audience, issuer and keys (decision 0022)', () => {
  it('a token signed by signToken carries aud by kind, iss and the kid of its key, and verifies', () => {
    const token = signToken(staff, { keys: [NEW] }, 600, T);
    const [h, p] = token
      .split('.')
      .slice(0, 2)
      .map((s) => JSON.parse(Buffer.from(s, 'base64url').toString()));
    expect(h).toEqual({ alg: 'HS256', typ: 'JWT', kid: keyId(NEW) });
    expect(p).toMatchObject({ sub: 'staff-1', kind: 'staff', aud: 'zhongtai:staff', iss: 'zhongtai', iat: now, exp: now + 600 });
    expect(verifier.authenticate(`Bearer ${token}`)).toEqual(staff);
    expect(verifier.authenticate(`Bearer ${signToken(member, { keys: [NEW] }, 600, T)}`)).toEqual(member);
  });

  it("the embedders' forms still work together: new Hs256Authenticator(secret) verifies signToken(identity, secret)", () => {
    expect(new Hs256Authenticator(NEW, clock).authenticate(`Bearer ${signToken(staff, NEW, 600, T)}`)).toEqual(staff);
    // The same secret in either form names the same key.
    expect(verifier.authenticate(`Bearer ${signToken(staff, NEW, 600, T)}`)).toEqual(staff);
  });

  it('a member token with a forged kind "staff" but its own audience is refused (kind must agree with aud)', () => {
    rejects(bearer(header(), claims({ kind: 'staff', aud: AUDIENCE.member }), NEW), /audience/);
  });

  it('a staff audience with kind "member" is refused the same way', () => {
    rejects(bearer(header(), claims({ kind: 'member', roles: [], aud: AUDIENCE.staff }), NEW), /audience/);
  });

  it('a missing audience, a foreign one, or both zhongtai audiences at once are refused', () => {
    const { aud: _, ...noAud } = claims();
    rejects(bearer(header(), noAud, NEW), /audience/);
    rejects(bearer(header(), claims({ aud: 'another-app' }), NEW), /audience/);
    rejects(bearer(header(), claims({ aud: [AUDIENCE.staff, AUDIENCE.member] }), NEW), /audience/);
    rejects(bearer(header(), claims({ aud: 42 }), NEW), /audience/);
    // An audience list naming one zhongtai audience (and others) is fine (RFC 7519 §4.1.3).
    expect(verifier.authenticate(bearer(header(), claims({ aud: ['another-app', AUDIENCE.staff] }), NEW))).toMatchObject({ kind: 'staff' });
  });

  it('a wrong or missing issuer is refused; the issuer is configurable', () => {
    rejects(bearer(header(), claims({ iss: 'someone-else' }), NEW), /issuer/);
    const { iss: _, ...noIss } = claims();
    rejects(bearer(header(), noIss, NEW), /issuer/);
    const shop = new Hs256Authenticator({ keys: [NEW], issuer: 'https://login.example.com', clock });
    rejects(`Bearer ${signToken(staff, { keys: [NEW] }, 600, T)}`, /issuer/, shop);
    expect(shop.authenticate(`Bearer ${signToken(staff, { keys: [NEW], issuer: 'https://login.example.com' }, 600, T)}`)).toEqual(staff);
  });

  it('an unknown kid, or none, is refused even when the signature matches a listed key', () => {
    rejects(bearer({ ...header(), kid: 'retired' }, claims(), NEW), /unknown key id/);
    const { kid: _, ...noKid } = header();
    rejects(bearer(noKid, claims(), NEW), /key id/);
    rejects(bearer({ ...header(), kid: 7 }, claims(), NEW), /key id/);
  });

  it('a kid naming one key with the signature of another is refused', () => {
    const both = new Hs256Authenticator({ keys: [NEW, OLD], clock });
    rejects(bearer(header(NEW), claims(), OLD), /bad signature/, both);
  });

  it('rotation: the new key signs, the old key still verifies its tokens, and dropping it logs those out', () => {
    const before = signToken(staff, { keys: [OLD] }, 600, T);
    const rotated = { keys: [NEW, OLD] };
    const after = signToken(staff, rotated, 600, T);
    expect(JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()).kid).toBe(keyId(NEW));
    const during = new Hs256Authenticator({ ...rotated, clock });
    expect(during.authenticate(`Bearer ${before}`)).toEqual(staff);
    expect(during.authenticate(`Bearer ${after}`)).toEqual(staff);
    rejects(`Bearer ${before}`, /unknown key id/, new Hs256Authenticator({ keys: [NEW], clock }));
  });

  it("keys may carry explicit kids (a key store's names)", () => {
    const keys = [
      { kid: '2026-12', secret: NEW },
      { kid: '2026-06', secret: OLD },
    ];
    const a = new Hs256Authenticator({ keys, clock });
    const token = signToken(staff, { keys: [{ kid: '2026-06', secret: OLD }] }, 600, T);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid).toBe('2026-06');
    expect(a.authenticate(`Bearer ${token}`)).toEqual(staff);
  });

  it('a critical header extension it does not understand is refused (RFC 7515 §4.1.11)', () => {
    rejects(bearer({ ...header(), crit: ['exp'] }, claims(), NEW), /crit/);
  });

  it('key sets are checked when built: at least one key, secrets of 32 characters or more, kids well-formed and distinct', () => {
    expect(() => new Hs256Authenticator('short-secret-of-31-characters--')).toThrow(/32 characters/);
    expect(() => new Hs256Authenticator({ keys: [] })).toThrow(/at least one key/);
    expect(() => new Hs256Authenticator({ keys: [{ kid: 'a b', secret: NEW }] })).toThrow(/key id/);
    expect(
      () =>
        new Hs256Authenticator({
          keys: [
            { kid: 'k', secret: NEW },
            { kid: 'k', secret: OLD },
          ],
        }),
    ).toThrow(/twice/);
    expect(() => new Hs256Authenticator({ keys: [NEW], issuer: '' })).toThrow(/issuer/);
    expect(() => signToken(staff, 'short')).toThrow(/32 characters/);
  });

  it('property: every signed identity verifies; the same claims under the other audience, another issuer or another key never do', () => {
    const identity = fc.record({
      subject: fc.string({ minLength: 1, maxLength: 20 }),
      kind: fc.constantFrom<Identity['kind']>('staff', 'member'),
      roles: fc.array(fc.constantFrom('admin', 'catalog', 'orders'), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(identity, fc.constantFrom('aud', 'iss', 'kid', 'sig'), (who, tamper) => {
        expect(verifier.authenticate(`Bearer ${signToken(who, { keys: [NEW] }, 600, T)}`)).toEqual(who);
        const other = who.kind === 'staff' ? AUDIENCE.member : AUDIENCE.staff;
        const c = claims({ sub: who.subject, kind: who.kind, roles: who.roles, aud: AUDIENCE[who.kind] });
        const forged =
          tamper === 'aud'
            ? bearer(header(), { ...c, aud: other }, NEW)
            : tamper === 'iss'
              ? bearer(header(), { ...c, iss: 'zhongtai-test' }, NEW)
              : tamper === 'kid'
                ? bearer(header(OLD), c, OLD)
                : bearer(header(), c, OLD);
        expect(() => verifier.authenticate(forged)).toThrow(expect.objectContaining({ status: 401 }));
      }),
    );
  });
});
