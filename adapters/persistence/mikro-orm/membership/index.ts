import { MEMBERSHIP_STORE } from '../../../../application/membership/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122100000_membership } from './migrations/Migration20261122100000_membership.js';
import { membershipSchemas } from './records.js';
import { pgMembershipStore } from './repositories.js';

/**
 * The membership context on PostgreSQL: `member`, the growth and points accounts and entries,
 * `member_level_change`, `member_audit`, `shop_membership`, `membership_setting`, `member_order_fact`,
 * `member_order_refund`, `rfm_run`, `rfm_score`.
 */
export const membershipPostgres: PostgresContextPart = {
  entities: membershipSchemas,
  migrations: [{ name: 'Migration20261122100000_membership', class: Migration20261122100000_membership }],
  stores: [pgStore(MEMBERSHIP_STORE, pgMembershipStore)],
};
