/**
 * Port: verification codes (核销码) for service orders. Paying a service order draws one code; the
 * shop redeems it. Adapters make codes hard to guess (a CSPRNG, 12 digits by default); tests use a
 * fixed sequence. A code has 6 to 32 letters or digits.
 */
export interface VerificationCodes {
  next(): string;
}
