import { PROMOTION_STORE } from '../../../../application/promotion/store.js';
import { pgStore, type PostgresContextPart } from '../context-part.js';
import { Migration20261122060000_promotions } from './migrations/Migration20261122060000_promotions.js';
import { Migration20261122070000_purchase_limits } from './migrations/Migration20261122070000_purchase_limits.js';
import { Migration20261122150000_activity_four_eyes } from './migrations/Migration20261122150000_activity_four_eyes.js';
import { Migration20261207200200_promotion_cache } from './migrations/Migration20261207200200_promotion_cache.js';
import { PurchaseLimitConsumptionSchema, PurchaseLimitUsageSchema } from './purchase-limit-records.js';
import { ActivityBudgetChargeSchema, ActivityBudgetSchema, ActivitySchema, BargainSchema, GroupBuySchema, GroupMemberSchema } from './records.js';
import { pgPromotionStore } from './repositories.js';

/**
 * The promotion context on PostgreSQL: `activity`, `activity_budget`, `activity_budget_charge`, `group_buy`,
 * `group_member`, `bargain`, `purchase_limit_usage`, `purchase_limit_consumption`.
 */
export const promotionPostgres: PostgresContextPart = {
  entities: [
    ActivitySchema,
    ActivityBudgetSchema,
    ActivityBudgetChargeSchema,
    GroupBuySchema,
    GroupMemberSchema,
    BargainSchema,
    PurchaseLimitUsageSchema,
    PurchaseLimitConsumptionSchema,
  ],
  migrations: [
    { name: 'Migration20261122060000_promotions', class: Migration20261122060000_promotions },
    { name: 'Migration20261122070000_purchase_limits', class: Migration20261122070000_purchase_limits },
    { name: 'Migration20261122150000_activity_four_eyes', class: Migration20261122150000_activity_four_eyes },
    { name: 'Migration20261207200200_promotion_cache', class: Migration20261207200200_promotion_cache },
  ],
  stores: [pgStore(PROMOTION_STORE, pgPromotionStore)],
};
