import type { Joiner } from '../../domain/promotion/group-buy.js';

/** A member as group buys need them; `isNew` and `level` come from membership (the caller vouches for them). */
export interface MemberCommand {
  readonly memberId: string;
  readonly isNewMember?: boolean;
  readonly level?: string;
}

/** Who joins a group, as the aggregate judges eligibility. */
export const joiner = (c: MemberCommand): Joiner => ({
  memberId: c.memberId,
  isNew: c.isNewMember ?? false,
  ...(c.level !== undefined ? { level: c.level } : {}),
});
