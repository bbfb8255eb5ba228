import { MEMBERSHIP_ERRORS } from '../../domain/membership/errors.js';
import type { MemberProfile } from '../../domain/membership/member.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { member } from './lookups.js';
import { MEMBERSHIP_STORE } from './store.js';

/** A member or shop id: 1 to 64 letters, digits, - or _ (`MEMBERSHIP.INVALID_ID`). */
export function checkId(id: unknown, what: string): void {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id))
    throw MEMBERSHIP_ERRORS.raise('INVALID_ID', `${what} is 1 to 64 letters, digits, - or _`, { [what]: id });
}

/** Loads a member's profile, changes it (the domain checks the change) and saves it, in one transaction. */
export function editMember(uow: UnitOfWork, memberId: string, change: (m: MemberProfile) => MemberProfile): Promise<MemberProfile> {
  return uow.run(async (tx) => {
    const next = change(await member(tx, memberId));
    return { ...next, version: await tx.use(MEMBERSHIP_STORE).members.save(next) };
  });
}
