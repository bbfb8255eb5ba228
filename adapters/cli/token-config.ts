import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ISSUER, Hs256Authenticator, KEY_ID_PATTERN, MIN_SECRET_LENGTH, type TokenKey, type TokenSettings } from '../http/express/auth.js';

/**
 * The keys and issuer of `serve`'s bearer tokens (decision 0022):
 * - `ZHONGTAI_JWT_SECRET` signs (and verifies) tokens; its kid is `keyId(secret)`;
 * - `ZHONGTAI_JWT_KEYS` lists older keys that still verify, comma-separated, each `kid:secret` or a
 *   bare secret (kid derived as above; a bare secret holds no ":");
 * - `ZHONGTAI_JWT_ISSUER` is the issuer (default `zhongtai`).
 * Every secret has at least 32 characters. Without ZHONGTAI_JWT_SECRET (demo mode) the secret is
 * generated once into `<dataDir>/demo-secret`, mode 0600. Throws with the variable's name on a bad
 * setting, so `serve` refuses to start.
 */
export function tokenSettings(env: NodeJS.ProcessEnv, dataDir: string): TokenSettings {
  const secret = env.ZHONGTAI_JWT_SECRET;
  const older = env.ZHONGTAI_JWT_KEYS?.trim() ? named('ZHONGTAI_JWT_KEYS', () => parseTokenKeys(env.ZHONGTAI_JWT_KEYS!)) : [];
  if (secret === undefined && older.length > 0) throw new Error('ZHONGTAI_JWT_KEYS needs ZHONGTAI_JWT_SECRET: the older keys verify, the secret signs');
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) throw new Error(`ZHONGTAI_JWT_SECRET needs at least ${MIN_SECRET_LENGTH} characters`);
  const settings: TokenSettings = { keys: [secret ?? demoSecret(dataDir), ...older], issuer: env.ZHONGTAI_JWT_ISSUER ?? DEFAULT_ISSUER };
  if (settings.issuer === '') throw new Error(`ZHONGTAI_JWT_ISSUER is empty; leave it unset for the default "${DEFAULT_ISSUER}"`);
  named('the token keys', () => new Hs256Authenticator(settings)); // duplicates, kids: the verifier's own checks
  return settings;
}

/** `ZHONGTAI_JWT_KEYS`: `kid:secret` or bare secrets, comma-separated; blank entries are skipped. */
export function parseTokenKeys(text: string): (string | TokenKey)[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon < 0) return checked(entry);
      const kid = entry.slice(0, colon);
      if (!KEY_ID_PATTERN.test(kid)) throw new Error(`the key id "${kid}" has other than 1 to 64 letters, digits, ".", "_" or "-"`);
      return { kid, secret: checked(entry.slice(colon + 1)) };
    });
}

const checked = (secret: string): string => {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`a key's secret needs at least ${MIN_SECRET_LENGTH} characters`);
  return secret;
};

function named<T>(variable: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${variable}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The demo secret lives inside the data folder (not beside it: sibling folders must not share it), so
 * printed tokens keep working after a restart. Readable by its owner only: an existing file open to
 * others is tightened to 0600 with a warning; one of another user, a link or junk is refused.
 */
let secretOfThisProcess: string | undefined;
function demoSecret(dataDir: string): string {
  // A database that keeps nothing keeps no secret either: it lasts as long as the process.
  if (dataDir.startsWith('memory://')) {
    secretOfThisProcess ??= randomBytes(32).toString('base64url');
    return secretOfThisProcess;
  }
  const file = join(dataDir, 'demo-secret');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new Error(`${file} is not a regular file; remove it to generate a new demo secret`);
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error(`${file} is not a regular file; remove it to generate a new demo secret`);
    const uid = process.getuid?.();
    if (uid !== undefined && stat.uid !== uid) throw new Error(`${file} is owned by another user; remove it to generate a new demo secret`);
    if ((stat.mode & 0o077) !== 0) {
      fchmodSync(fd, 0o600);
      process.emitWarning(
        `${file} was readable by others (mode ${(stat.mode & 0o777).toString(8)}); it is now 0600. Tokens it signed may have leaked: remove it to generate a new one`,
        { code: 'ZHONGTAI_DEMO_SECRET_MODE' },
      );
    }
    const secret = readFileSync(fd, 'utf8').trim();
    if (secret.length < MIN_SECRET_LENGTH) throw new Error(`${file} holds no usable secret; remove it to generate a new one`);
    return secret;
  } finally {
    closeSync(fd);
  }
}
