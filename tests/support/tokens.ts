import { createHmac } from 'node:crypto';

/** A JWT with any header and claims, HMAC-SHA256-signed with `secret` (or unsigned): for forging tokens in tests. */
export function rawToken(header: object, claims: object, secret: string | null): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const sig = secret === null ? '' : createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${sig}`;
}
