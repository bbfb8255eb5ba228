/**
 * A member's addresses through the use cases (issue #12 finding 7, decision 0021): ids are made by the
 * server when an address is added; replacing or removing names an address the member has, else
 * MEMBERSHIP.ADDRESS_NOT_FOUND and nothing changes — another member's id, or a made-up one, never
 * creates an address.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import type { MemberProfile } from '../../domain/membership/member.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { at, sequentialIds } from '../support/mothers.js';

const fields = { recipient: '张三', phone: '13800138000', region: '上海市', detail: '世纪大道 100 号' };

describe('member addresses on memory: ids are the server’s, and only the member’s own are changed', () => {
  it('property: through the use cases, whatever ids clients send (their own, another member’s, made up), every address id was made by the server for that member, once', async () => {
    type Op = { kind: 'add' | 'replace' | 'remove'; who: 'a' | 'b'; pick: number; madeUp: boolean; isDefault: boolean };
    const op = fc.record({
      kind: fc.constantFrom('add', 'replace', 'remove'),
      who: fc.constantFrom('a', 'b'),
      pick: fc.nat(),
      madeUp: fc.boolean(),
      isDefault: fc.boolean(),
    }) as fc.Arbitrary<Op>;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const ids = sequentialIds('srv');
        const made: string[] = [];
        const zt = createZhongtai({
          clock: { now: () => at(0) },
          ids: {
            next: () => {
              const id = ids();
              made.push(id);
              return id;
            },
          },
        });
        const madeFor = new Map<string, Set<string>>([
          ['a', new Set()],
          ['b', new Set()],
        ]);
        for (const who of ['a', 'b']) await zt.membership.register({ memberId: who });
        const profile = async (who: string): Promise<MemberProfile> => (await zt.membership.get({ memberId: who })) as MemberProfile;
        for (const o of ops) {
          const everyone = [...(await profile('a')).addresses, ...(await profile('b')).addresses].map((x) => x.id);
          const id = o.madeUp || everyone.length === 0 ? `client-${o.pick % 5}` : everyone[o.pick % everyone.length]!;
          const before = await profile(o.who);
          const own = before.addresses.some((x) => x.id === id);
          try {
            if (o.kind === 'add') {
              const n = made.length;
              const after = await zt.membership.putAddress({ memberId: o.who, ...fields, isDefault: o.isDefault });
              expect(made.length, 'an added address takes a new server id').toBeGreaterThan(n);
              const added = after.addresses.find((x) => !before.addresses.some((y) => y.id === x.id))!;
              expect(made.slice(n)).toContain(added.id);
              madeFor.get(o.who)!.add(added.id);
            } else if (o.kind === 'replace')
              await zt.membership.putAddress({ memberId: o.who, addressId: id, ...fields, detail: `replaced ${o.pick}`, isDefault: o.isDefault });
            else await zt.membership.removeAddress({ memberId: o.who, addressId: id });
            expect(own || o.kind === 'add', `${o.kind} of ${id}, not ${o.who}'s, must be refused`).toBe(true);
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            if (e.code === 'MEMBERSHIP.TOO_MANY_ADDRESSES' && o.kind === 'add') continue;
            expect([o.kind, own, e.code]).toEqual([o.kind, false, 'MEMBERSHIP.ADDRESS_NOT_FOUND']);
            expect(await profile(o.who), 'a refused change writes nothing').toEqual(before);
          }
          for (const who of ['a', 'b']) {
            const ids_ = (await profile(who)).addresses.map((x) => x.id);
            expect(new Set(ids_).size, 'unique').toBe(ids_.length);
            for (const x of ids_) expect(madeFor.get(who)!.has(x), `${x} was made by the server for ${who}`).toBe(true);
            expect((await profile(who)).addresses.filter((x) => x.isDefault).length).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
