// Properties of the contract check (decision 0023): what passes, what fails, and the shared wire pieces.
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { checkAnswer, checkRejection, GENERIC_ERROR_CODES, isGenericCode } from '../../adapters/http/express/contract.js';
import { HttpProblem, problem } from '../../adapters/http/express/problem.js';
import { errorsOf, route, type ErrorCodes, type RejectionStatus } from '../../adapters/http/express/route.js';
import { money, timestamp, wireObject } from '../../adapters/http/express/wire/shared.js';
import type { Money } from '../../domain/shared/money.js';
import { money as anyMoney } from '../support/arbitraries.js';

const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const answerOf = (response: z.ZodType) => route({ method: 'get', path: '/p', tag: 'p', access: 'public', summary: 'p', response, handler: async () => null });
const contractIssues = (r: ReturnType<typeof answerOf>, value: unknown): { path: string }[] => {
  try {
    checkAnswer(r, value);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(HttpProblem);
    expect((e as HttpProblem).code).toBe('HTTP.RESPONSE_CONTRACT');
    return (e as HttpProblem).extra.errors as { path: string }[];
  }
};

const line = { skuId: z.string(), quantity: z.int(), price: money };
const shape = { id: z.string(), at: timestamp, total: money, note: z.string().nullable(), lines: z.array(wireObject(line)) };
const strict = answerOf(wireObject({ ...shape, lines: z.array(wireObject(line)) }));
const loose = answerOf(z.object({ ...shape, lines: z.array(z.object(line)) }));

const order = fc.record({
  id: fc.string(),
  at: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
  total: anyMoney(),
  note: fc.option(fc.string(), { nil: null }),
  lines: fc.array(fc.record({ skuId: fc.string(), quantity: fc.integer(), price: anyMoney() }), { maxLength: 5 }),
});
/** A field name the schema does not have. */
const extraKey = fc.string({ minLength: 1 }).filter((k) => !['id', 'at', 'total', 'note', 'lines', 'skuId', 'quantity', 'price', '__proto__'].includes(k));

describe('the contract check, as properties', () => {
  it('every Money and Date the domain makes passes the wire pieces (money, timestamp) after the JSON round trip', () => {
    fc.assert(
      fc.property(
        anyMoney(),
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        (m: Money, d: Date) => {
          expect(money.safeParse(roundTrip(m)).success).toBe(true);
          expect(timestamp.safeParse(roundTrip(d)).success).toBe(true);
        },
      ),
    );
  });

  it('an answer of the documented shape passes, Money and Date objects included (the check compares the wire form)', () => {
    fc.assert(
      fc.property(order, (o) => {
        expect(contractIssues(strict, o)).toEqual([]);
        expect(contractIssues(loose, o)).toEqual([]);
      }),
    );
  });

  it('a field the schema does not describe fails, at any depth, strict object or not, and the issue names its path', () => {
    fc.assert(
      fc.property(order, extraKey, fc.jsonValue(), fc.nat(), (o, key, value, where) => {
        const wire = roundTrip(o) as { lines: Record<string, unknown>[] } & Record<string, unknown>;
        const target = wire.lines.length === 0 ? wire : [wire, ...wire.lines][where % (wire.lines.length + 1)]!;
        target[key] = value;
        const objectPath = target === wire ? '' : `lines.${wire.lines.indexOf(target)}`;
        // zod names the object with the unknown key (strict); the check names the key itself (any object).
        const named = [objectPath, objectPath ? `${objectPath}.${key}` : key];
        for (const r of [strict, loose]) {
          const issues = contractIssues(r, wire);
          expect(
            issues.map((i) => i.path).some((p) => named.includes(p)),
            JSON.stringify(issues),
          ).toBe(true);
        }
      }),
    );
  });

  it('a 4xx code passes the check iff it is generic or declared for that very status', () => {
    const statuses: RejectionStatus[] = [400, 401, 403, 404, 409, 422];
    const code = fc.oneof(
      fc.constantFrom('A.X', 'A.Y', 'B.Z', 'HTTP.NEW', 'CONCURRENCY.BUSY', 'VALIDATION.FAILED', 'AUTH.FORBIDDEN'),
      fc.stringMatching(/^[A-Z]{1,5}\.[A-Z_]{1,8}$/),
    );
    const declared = fc.dictionary(fc.constantFrom(...statuses.map(String)), fc.array(code, { maxLength: 4 })) as fc.Arbitrary<ErrorCodes>;
    fc.assert(
      fc.property(declared, code, fc.constantFrom(...statuses), (errors, c, status) => {
        const r = route({ method: 'get', path: '/p', tag: 'p', access: 'public', summary: 'p', errors, handler: async () => null });
        const allowed = isGenericCode(c) || (errors[status] ?? []).includes(c);
        let passed = true;
        try {
          checkRejection(r, problem(status, c, 'x'));
        } catch {
          passed = false;
        }
        expect(passed).toBe(allowed);
        expect(isGenericCode(c)).toBe(GENERIC_ERROR_CODES.some((g) => c.startsWith(g.slice(0, -1))));
      }),
    );
  });

  it('errorsOf is the union by status: every code of every list, once, under its status, and nothing else', () => {
    const list = fc.dictionary(
      fc.constantFrom('400', '404', '409', '422'),
      fc.array(fc.constantFrom('A.X', 'A.Y', 'B.Z', 'C.W'), { maxLength: 4 }),
    ) as fc.Arbitrary<ErrorCodes>;
    fc.assert(
      fc.property(fc.array(list, { maxLength: 5 }), (lists) => {
        const merged = errorsOf(...lists);
        for (const status of [400, 404, 409, 422] as const) {
          const expected = new Set(lists.flatMap((l) => l[status] ?? []));
          const got = merged[status] ?? [];
          expect(new Set(got)).toEqual(expected);
          expect(got.length).toBe(expected.size);
        }
      }),
    );
  });
});
