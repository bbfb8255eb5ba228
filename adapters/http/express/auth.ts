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

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Signs an HS256 JSON Web Token (RFC 7519) carrying subject, kind and roles. */
export function signToken(identity: Identity, secret: string, ttlSeconds = 3600, now = Date.now()): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const iat = Math.floor(now / 1000);
  const payload = b64url(JSON.stringify({ sub: identity.subject, kind: identity.kind, roles: identity.roles, iat, exp: iat + ttlSeconds }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

const invalid = (why: string) => new HttpProblem(401, 'AUTH.INVALID_TOKEN', `the bearer token is not valid: ${why}`);

/** The default authenticator: `Authorization: Bearer <HS256 JWT>` signed with a shared secret. */
export class Hs256Authenticator implements Authenticator {
  constructor(
    private readonly secret: string,
    private readonly clock: () => number = Date.now,
  ) {
    if (secret.length < 16) throw new Error('the token secret needs at least 16 characters');
  }

  authenticate(authorization: string | undefined): Identity | null {
    if (authorization === undefined || authorization === '') return null;
    const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization);
    if (!match) throw invalid('expected "Bearer <jwt>"');
    const [, header, payload, signature] = match as unknown as [string, string, string, string];
    const expected = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('bad signature');
    const h = parseJson(header);
    if (h?.alg !== 'HS256') throw invalid('only HS256 is accepted');
    const claims = parseJson(payload);
    const nowSeconds = Math.floor(this.clock() / 1000);
    if (typeof claims?.exp !== 'number' || claims.exp <= nowSeconds) throw invalid('expired');
    if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) throw invalid('not yet valid');
    const { sub, kind, roles } = claims;
    if (typeof sub !== 'string' || sub.length === 0) throw invalid('no subject');
    if (kind !== 'member' && kind !== 'staff') throw invalid('kind must be member or staff');
    if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string')) throw invalid('roles must be strings');
    return { subject: sub, kind, roles };
  }
}

function parseJson(segment: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
