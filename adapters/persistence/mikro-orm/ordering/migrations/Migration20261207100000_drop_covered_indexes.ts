import { Migration } from '@mikro-orm/migrations';

/**
 * Drops `sales_order_member_index` (member_id): `sales_order_member_placed_index` (member_id, placed_at
 * desc) answers every lookup by member as well, and each order written paid for both (issue #14).
 */
export class Migration20261207100000_drop_covered_indexes extends Migration {
  override up(): void {
    this.addSql(`drop index if exists "sales_order_member_index";`);
  }

  override down(): void {
    this.addSql(`create index "sales_order_member_index" on "sales_order" ("member_id");`);
  }
}
