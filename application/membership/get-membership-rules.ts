import type { UseCaseDeps } from '../shared/deps.js';
import { rules, type MembershipRules } from './lookups.js';

/** The rule tables in force (defaults until staff set them). */
export class GetMembershipRules {
  constructor(private readonly d: UseCaseDeps) {}

  execute(): Promise<MembershipRules> {
    return this.d.uow.run((tx) => rules(tx));
  }
}
