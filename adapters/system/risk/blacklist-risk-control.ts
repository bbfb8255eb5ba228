import type { OrderRiskQuery, RiskControl, RiskVerdict } from '../../../domain/risk/index.js';

/**
 * Risk control by blacklist (spec §16, "blacklist at order placement"): a blacklisted member or phone
 * number is an extreme risk (must block); everything else passes. The lists can be changed while running.
 */
export class BlacklistRiskControl implements RiskControl {
  readonly members: Set<string>;
  readonly phones: Set<string>;

  constructor(lists: { members?: Iterable<string>; phones?: Iterable<string> } = {}) {
    this.members = new Set(lists.members ?? []);
    this.phones = new Set(lists.phones ?? []);
  }

  async assessOrder(q: OrderRiskQuery): Promise<RiskVerdict> {
    const phone = q.phone?.replace(/[\s-]/g, '') ?? null;
    if (this.members.has(q.memberId) || (phone !== null && this.phones.has(phone))) return { level: 'extreme', rule: 'blacklist' };
    return { level: 'none', rule: null };
  }
}
