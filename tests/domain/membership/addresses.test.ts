/**
 * A member's addresses (issue #12 finding 7, decision 0021): replacing names an address the member has,
 * else MEMBERSHIP.ADDRESS_NOT_FOUND — an id the member does not have never creates one; adding takes a
 * new (server-made) id.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addAddress, MAX_ADDRESSES, newMember, removeAddress, replaceAddress, type Address } from '../../../domain/membership/member.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import { at, domainErrorOf } from '../../support/mothers.js';

const fields = { recipient: '张三', phone: '13800138000', region: '上海市', detail: '世纪大道 100 号' };
const address = (id: string, over: Partial<Address> = {}): Address => ({ id, ...fields, isDefault: false, ...over });

describe('member addresses (domain)', () => {
  it('replacing an address the member does not have is MEMBERSHIP.ADDRESS_NOT_FOUND (404), not a new address; adding reuses no id', () => {
    const m = addAddress(newMember('m1', at(0), {}), address('a1'));
    expect(domainErrorOf(() => replaceAddress(m, address('theirs')))).toMatchObject({
      code: 'MEMBERSHIP.ADDRESS_NOT_FOUND',
      kind: 'not_found',
      details: { addressId: 'theirs' },
    });
    expect(replaceAddress(m, address('a1', { detail: 'elsewhere' })).addresses).toEqual([address('a1', { detail: 'elsewhere', isDefault: true })]);
    expect(() => addAddress(m, address('a1'))).toThrow(/a1/); // a made id seen twice is a broken id generator, not a client's doing
  });

  it('property: after any adds (fresh ids), replaces and removes (any ids), the ids are unique, each one added, at most one default; a refused change changes nothing', () => {
    const op = fc.record({ kind: fc.constantFrom('add', 'replace', 'remove'), pick: fc.nat(30), isDefault: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let m = newMember('m1', at(0), {});
        const added: string[] = [];
        for (const o of ops) {
          const id = o.kind === 'add' ? `made-${added.length + 1}` : `made-${o.pick}`;
          const before = m;
          try {
            if (o.kind === 'add') m = addAddress(m, address(id, { isDefault: o.isDefault }));
            else if (o.kind === 'replace') m = replaceAddress(m, address(id, { detail: `d${o.pick}`, isDefault: o.isDefault }));
            else m = removeAddress(m, id);
            if (o.kind === 'add') added.push(id);
            else expect(before.addresses.map((x) => x.id)).toContain(id);
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            const expected = o.kind === 'add' ? 'MEMBERSHIP.TOO_MANY_ADDRESSES' : 'MEMBERSHIP.ADDRESS_NOT_FOUND';
            expect(e.code).toBe(expected);
            if (o.kind === 'add') expect(before.addresses).toHaveLength(MAX_ADDRESSES);
            else expect(before.addresses.map((x) => x.id)).not.toContain(id);
            expect(m).toBe(before);
          }
          const ids = m.addresses.map((x) => x.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const x of ids) expect(added).toContain(x);
          expect(m.addresses.filter((x) => x.isDefault).length).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
