/** Crockford's base 32 alphabet: no I, L, O or U, so codes read aloud and typed by hand stay unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: readonly number[]): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * PRM-2 setup: an activity's code, generated from its id: `ACT-` and the id's bytes in Crockford base 32
 * (a UUID's 128 bits give 26 characters). Distinct ids give distinct codes; a unique constraint backs it.
 */
export function activityCode(id: string): string {
  let bytes: number[];
  if (UUID.test(id)) {
    const hex = id.replace(/-/g, '');
    bytes = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  } else {
    // Other ids (tests, imports): their UTF-16 code units, one byte each when all are ASCII.
    const units = Array.from({ length: id.length }, (_, i) => id.charCodeAt(i));
    bytes = units.every((u) => u < 0x80) ? units : [0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])];
  }
  return `ACT-${base32(bytes)}`;
}
