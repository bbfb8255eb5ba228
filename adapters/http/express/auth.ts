import { createHmac, timingSafeEqual } from 'node:crypto';
import { HttpProblem } from './problem.js';

export type IdentityKind = 'member' | 'staff';

/** Who is calling: a member (shopper) or a staff user, with roles. */
export interface Identity {
  readonly subject: string;
  readonly kind: IdentityKind;
  readonly roles: readonly string[];
}

/**
 * Port: turns a request's Authorization header into an identity. Return null when no credentials
 * were sent; throw HttpProblem(401) when credentials were sent but are not valid.
 */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Identity | null> | Identity | null;
}

/** The audience (`aud`) of each kind of token: a member token is never a staff token (decision 0022). */
export const AUDIENCE: Readonly<Record<IdentityKind, string>> = { staff: 'zhongtai:staff', member: 'zhongtai:member' };
/** The issuer (`iss`) tokens carry and verifiers expect unless configured otherwise. */
export const DEFAULT_ISSUER = 'zhongtai';
/** The shortest accepted secret: an HS256 key has at least 256 bits (RFC 7518 §3.2). */
export const MIN_SECRET_LENGTH = 32;

/** A verification key and the `kid` that names it in token headers. */
export interface TokenKey {
  readonly kid: string;
  readonly secret: string;
}

/**
 * Keys and issuer, shared by `signToken` and `Hs256Authenticator`. A key given as a bare secret is
 * named by `keyId(secret)`. The first key signs; every key verifies the tokens naming its kid, so a
 * secret is rotated by putting the new one first and keeping the old one listed until its tokens
 * have expired.
 */
export interface TokenSettings {
  readonly keys: readonly (string | TokenKey)[];
  /** Default `zhongtai`. */
  readonly issuer?: string;
}

export interface Hs256Options extends TokenSettings {
  readonly clock?: () => number;
}

/** What a key id may be: 1 to 64 letters, digits, `.`, `_` or `-`. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** The kid of a bare secret: a fingerprint (an HMAC of a fixed text, no more telling than any token's signature). */
export const keyId = (secret: string): string => createHmac('sha256', secret).update('zhongtai key id').digest('base64url').slice(0, 16);

interface Keyring {
  readonly signing: TokenKey;
  readonly byKid: ReadonlyMap<string, string>;
  readonly issuer: string;
}

function keyring(given: string | TokenSettings): Keyring {
  const settings = typeof given === 'string' ? { keys: [given] } : given;
  const keys = settings.keys.map((k) => (typeof k === 'string' ? { kid: keyId(k), secret: k } : k));
  if (keys.length === 0) throw new Error('tokens need at least one key');
  const byKid = new Map<string, string>();
  for (const { kid, secret } of keys) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) throw new Error(`a token secret needs at least ${MIN_SECRET_LENGTH} characters`);
    if (!KEY_ID_PATTERN.test(kid)) throw new Error(`a key id has 1 to 64 letters, digits, ".", "_" or "-": ${JSON.stringify(kid)}`);
    if (byKid.has(kid)) throw new Error(`the key id ${kid} is listed twice`);
    byKid.set(kid, secret);
  }
  const issuer = settings.issuer ?? DEFAULT_ISSUER;
  if (typeof issuer !== 'string' || issuer.length === 0) throw new Error('the token issuer is a non-empty string');
  return { signing: keys[0]!, byKid, issuer };
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data);

/**
 * Signs an HS256 JSON Web Token (RFC 7519) carrying subject, kind and roles, the audience of its kind,
 * the issuer, and the signing key's kid. `key` is a secret, or settings whose first key signs.
 */
export function signToken(identity: Identity, key: string | TokenSettings, ttlSeconds = 3600, now = Date.now()): string {
  const { signing, issuer } = keyring(key);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: signing.kid }));
  const iat = Math.floor(now / 1000);
  const claims = { sub: identity.subject, kind: identity.kind, roles: identity.roles, iss: issuer, aud: AUDIENCE[identity.kind], iat, exp: iat + ttlSeconds };
  const payload = b64url(JSON.stringify(claims));
  return `${header}.${payload}.${hmac(signing.secret, `${header}.${payload}`).digest('base64url')}`;
}

const invalid = (why: string) => new HttpProblem(401, 'AUTH.INVALID_TOKEN', `the bearer token is not valid: ${why}`);

/**
 * The default authenticator: `Authorization: Bearer <HS256 JWT>`. `new Hs256Authenticator(secret)`
 * verifies with one key; `new Hs256Authenticator({ keys, issuer })` with several (decision 0022).
 */
export class Hs256Authenticator implements Authenticator {
  private readonly keys: Keyring;
  private readonly clock: () => number;

  constructor(secretOrOptions: string | Hs256Options, clock: () => number = Date.now) {
    this.keys = keyring(secretOrOptions);
    this.clock = (typeof secretOrOptions === 'string' ? undefined : secretOrOptions.clock) ?? clock;
  }

  authenticate(authorization: string | undefined): Identity | null {
    if (authorization === undefined || authorization === '') return null;
    const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization);
    if (!match) throw invalid('expected "Bearer <jwt>"');
    const [, header, payload, signature] = match as unknown as [string, string, string, string];
    const h = parseJson(header);
    if (h?.alg !== 'HS256') throw invalid('only HS256 is accepted');
    if (h.crit !== undefined) throw invalid('no crit header extension is understood');
    if (typeof h.kid !== 'string') throw invalid('no key id (kid)');
    const secret = this.keys.byKid.get(h.kid);
    if (secret === undefined) throw invalid('unknown key id');
    const expected = hmac(secret, `${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('bad signature');
    return this.identityOf(parseJson(payload));
  }

  private identityOf(claims: Record<string, unknown> | null): Identity {
    const nowSeconds = Math.floor(this.clock() / 1000);
    if (typeof claims?.exp !== 'number' || claims.exp <= nowSeconds) throw invalid('expired');
    if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) throw invalid('not yet valid');
    if (claims.iss !== this.keys.issuer) throw invalid('wrong issuer');
    const { sub, kind, roles } = claims;
    if (typeof sub !== 'string' || sub.length === 0) throw invalid('no subject');
    if (kind !== 'member' && kind !== 'staff') throw invalid('kind must be member or staff');
    if (audienceOf(claims.aud) !== kind) throw invalid(`the audience must be ${AUDIENCE[kind]} alone among zhongtai's, agreeing with kind`);
    if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string')) throw invalid('roles must be strings');
    return { subject: sub, kind, roles };
  }
}

/** The kind a token's `aud` (a string or a list, RFC 7519 §4.1.3) names: exactly one of zhongtai's audiences, else null. */
function audienceOf(aud: unknown): IdentityKind | null {
  const list = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  const kinds = (Object.keys(AUDIENCE) as IdentityKind[]).filter((k) => list.includes(AUDIENCE[k]));
  return kinds.length === 1 ? kinds[0]! : null;
}

function parseJson(segment: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
