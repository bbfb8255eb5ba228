import { randomInt } from 'node:crypto';
import type { VerificationCodes } from '../../../domain/ordering/ports.js';

/** Verification codes (核销码) of 12 digits from the operating system's CSPRNG: hard to guess, easy to read out. */
export const randomVerificationCodes: VerificationCodes = {
  next: () => Array.from({ length: 12 }, () => randomInt(10)).join(''),
};
