import { newMember, type Gender, type MemberProfile } from '../../domain/membership/member.js';
import type { UseCaseDeps } from '../shared/deps.js';
import { checkId } from './profiles.js';
import { MEMBERSHIP_STORE } from './store.js';

/** Registers a member (idempotent: an existing member is returned unchanged), with zero growth and points. */
export class RegisterMember {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: { memberId: string; phone?: string | null; gender?: Gender }): Promise<MemberProfile> {
    checkId(cmd.memberId, 'memberId');
    return this.d.uow.run(async (tx) => {
      const members = tx.use(MEMBERSHIP_STORE).members;
      const existing = await members.get(cmd.memberId);
      if (existing) return existing;
      const m = newMember(cmd.memberId, this.d.clock.now(), cmd);
      const version = await members.save(m);
      tx.recordEvents([{ type: 'membership.member.registered', aggregateId: m.id, occurredAt: m.registeredAt, payload: {} }]);
      return { ...m, version };
    });
  }
}
