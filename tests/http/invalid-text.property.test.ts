// The one string rule of the edge (issue #12 finding 2, decision 0020), as properties of the check the
// router runs on every request before any schema: well-formed text passes, and a NUL or a lone
// surrogate anywhere — a value or a key, at any depth — is refused with its path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '../../adapters/http/express/problem.js';
import { rejectInvalidText } from '../../adapters/http/express/validation.js';
import { at, nodes, replaceAt } from '../support/json-paths.js';

/** Well-formed text without NUL: printable graphemes of every plane (emoji are surrogate pairs). */
const goodText = fc.string({ unit: 'grapheme', maxLength: 8 });
const goodJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, goodText, fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(goodText, tie('value'), { maxKeys: 3 }),
})).value;
const fault = fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d');

function refusal(parts: Record<string, unknown>): HttpProblem | null {
  try {
    rejectInvalidText(parts);
    return null;
  } catch (e) {
    return e as HttpProblem;
  }
}

describe('the edge string rule', () => {
  it('passes any JSON made of well-formed text without NUL', () => {
    fc.assert(fc.property(goodJson, goodJson, (body, query) => refusal({ body, query }) === null));
  });

  it('refuses a NUL or a lone surrogate placed in any string value, with 400 VALIDATION.INVALID_TEXT and its path', () => {
    fc.assert(
      fc.property(goodJson, fc.nat(), goodText, fault, goodText, (body, pick, before, bad, after) => {
        const all = nodes(body);
        const path = all[pick % all.length]!;
        const p = refusal({ body: replaceAt(body, path, before + bad + after) });
        expect(p).toBeInstanceOf(HttpProblem);
        expect([p!.status, p!.code]).toEqual([400, 'VALIDATION.INVALID_TEXT']);
        expect((p!.extra.errors as { path: string }[]).map((e) => e.path)).toContain(['body', ...path].join('.'));
      }),
    );
  });

  it('refuses a NUL or a lone surrogate in an object key at any depth', () => {
    fc.assert(
      fc.property(goodJson, fc.nat(), goodText, fault, (body, pick, key, bad) => {
        const objects = nodes(body).filter((p) => {
          const node = at(body, p);
          return node !== null && typeof node === 'object' && !Array.isArray(node);
        });
        const target = objects.length > 0 ? objects[pick % objects.length]! : [];
        const node = at(body, target);
        const withKey = replaceAt(body, target, { ...(node && typeof node === 'object' && !Array.isArray(node) ? node : {}), [key + bad]: 1 });
        expect(refusal({ query: withKey })?.code).toBe('VALIDATION.INVALID_TEXT');
      }),
    );
  });

  it('reads a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'ok\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(refusal({ body: deep })?.code).toBe('VALIDATION.INVALID_TEXT');
  });
});
