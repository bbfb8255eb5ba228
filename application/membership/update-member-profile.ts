import { changeProfile, type Gender, type MemberProfile } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { editMember } from './profiles.js';

/** Changes a member's phone or gender. */
export class UpdateMemberProfile {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; phone?: string | null; gender?: Gender }): Promise<MemberProfile> {
    return editMember(this.d.uow, cmd.memberId, (m) => changeProfile(m, cmd));
  }
}
