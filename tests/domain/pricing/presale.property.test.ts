import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presaleAmounts } from '../../../domain/pricing/presale.js';

const cents = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;

describe('deposit presale amounts (定金预售, spec §5)', () => {
  it('a deposit of 100.00 at leverage 1.5 takes 150.00 off a final price of 599.00: balance 449.00, paid 549.00', () => {
    expect(presaleAmounts({ price: '599.00', deposit: '100.00', leverage: '1.5' })).toEqual({
      deposit: 10000n,
      deduction: 15000n,
      balance: 44900n,
      price: 59900n,
      paid: 54900n,
    });
  });
  it('leverage 1 (no 膨胀): deposit + balance = price; 3 units are 3 × one', () => {
    expect(presaleAmounts({ price: '99.90', deposit: '20.00' }, 3)).toEqual({ deposit: 6000n, deduction: 6000n, balance: 23970n, price: 29970n, paid: 29970n });
  });
  it('a leveraged deposit above the price: the balance is 0, never negative', () => {
    expect(presaleAmounts({ price: '100.00', deposit: '60.00', leverage: '2' })).toMatchObject({ deduction: 10000n, balance: 0n, paid: 6000n });
  });
  it.each([
    [{ price: '100.00', deposit: '100.00' }, 'DEPOSIT_NOT_BELOW_PRICE'],
    [{ price: '100.00', deposit: '0.00' }, 'ZERO_DEPOSIT'],
    [{ price: '100.00', deposit: '10.00', leverage: '0.9' }, 'LEVERAGE_BELOW_ONE'],
    [{ price: '100.00', deposit: '10.00', leverage: '1.255' }, 'TOO_MANY_DECIMALS'],
    [{ price: '100.001', deposit: '10.00' }, 'NOT_AN_AMOUNT'],
  ])('%o is refused with %s', (terms, reason) => {
    expect(() => presaleAmounts(terms)).toThrow(expect.objectContaining({ details: expect.objectContaining({ reason }) }));
  });

  const terms = fc
    .record({
      price: fc.bigInt({ min: 2n, max: 10_000_000n }),
      depositShare: fc.double({ min: 0, max: 1, noNaN: true }),
      leverage: fc.integer({ min: 100, max: 1000 }),
      qty: fc.integer({ min: 1, max: 1000 }),
    })
    .map(({ price, depositShare, leverage, qty }) => {
      const deposit = 1n + BigInt(Math.floor(depositShare * Number(price - 2n)));
      return { price, deposit, leverage: (leverage / 100).toFixed(2), qty };
    });

  it('properties (1,000 runs): whole cents; deduction + balance = price; deposit × leverage + balance = price when it does not exceed the price; balance ≥ 0; a quantity multiplies exactly', () => {
    fc.assert(
      fc.property(terms, ({ price, deposit, leverage, qty }) => {
        const a = presaleAmounts({ price: cents(price), deposit: cents(deposit), leverage }, qty);
        const one = presaleAmounts({ price: cents(price), deposit: cents(deposit), leverage });
        for (const v of Object.values(a)) expect(typeof v).toBe('bigint'); // whole cents by type
        expect(a.deduction + a.balance).toBe(a.price);
        expect(a.balance >= 0n).toBe(true);
        expect(a.paid).toBe(a.deposit + a.balance);
        // deposit × leverage, exactly, in hundredths of a cent: leverage has 2 decimals.
        const worth100 = deposit * BigInt(Math.round(Number(leverage) * 100));
        if (worth100 % 100n === 0n && worth100 / 100n <= price) expect(worth100 / 100n + one.balance).toBe(price);
        if (worth100 >= price * 100n) expect(one.balance).toBe(0n);
        expect(a).toEqual({
          deposit: one.deposit * BigInt(qty),
          deduction: one.deduction * BigInt(qty),
          balance: one.balance * BigInt(qty),
          price: one.price * BigInt(qty),
          paid: one.paid * BigInt(qty),
        });
      }),
      { numRuns: 1000 },
    );
  });
});
