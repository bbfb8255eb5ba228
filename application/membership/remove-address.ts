import { removeAddress, type MemberProfile } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { editMember } from './profiles.js';

/** Removes one of the member's addresses (`MEMBERSHIP.ADDRESS_NOT_FOUND` for one they do not have); another becomes the default. */
export class RemoveAddress {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; addressId: string }): Promise<MemberProfile> {
    return editMember(this.d.uow, cmd.memberId, (m) => removeAddress(m, cmd.addressId));
  }
}
