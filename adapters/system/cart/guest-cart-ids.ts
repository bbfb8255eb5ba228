import { randomBytes } from 'node:crypto';
import type { GuestCartIds } from '../../../domain/cart/ports.js';

/** Guest cart ids: 192 bits from the operating system's CSPRNG, base64url (32 characters of A–Z a–z 0–9 - _). */
export const randomGuestCartIds: GuestCartIds = {
  next: () => randomBytes(24).toString('base64url'),
};
