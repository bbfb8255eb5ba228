import { Migration } from '@mikro-orm/migrations';

/**
 * 限购 and deposit presale (issue #4): the per-member purchase-limit counters, moved only by a guarded
 * statement and backed by a CHECK, the consumptions keyed by (activity, reference), and the
 * `deposit_presale` activity kind. Equals ../purchase-limit-records.ts and the activity kind check
 * of ../activity-record.ts.
 */
export class Migration20261122070000_purchase_limits extends Migration {
  override name = 'Migration20261122070000_purchase_limits';

  override up(): void {
    this.addSql(
      `create table "purchase_limit_usage" ("activity_id" text not null, "member_id" text not null, "period" text not null, "used" int not null, "usage_limit" int null, primary key ("activity_id", "member_id", "period"));`,
    );
    this.addSql(
      `alter table "purchase_limit_usage" add constraint "purchase_limit_usage_used_check" check (used >= 0 and (usage_limit is null or used <= usage_limit));`,
    );
    this.addSql(
      `create table "purchase_limit_consumption" ("activity_id" text not null, "reference" text not null, "member_id" text not null, "period" text not null, "quantity" int not null, "released" boolean not null, "at" timestamptz not null, primary key ("activity_id", "reference"));`,
    );
    this.addSql(`alter table "purchase_limit_consumption" add constraint "purchase_limit_consumption_quantity_check" check (quantity > 0);`);
    this.addSql(`alter table "activity" drop constraint "activity_kind_check";`);
    this.addSql(
      `alter table "activity" add constraint "activity_kind_check" check (kind in ('single_item', 'flash_sale', 'group_buy', 'full_reduction', 'full_discount', 'multi_buy', 'bundle', 'add_on', 'gift', 'bargain', 'deposit_presale'));`,
    );
  }

  override down(): void {
    this.addSql(`alter table "activity" drop constraint "activity_kind_check";`);
    this.addSql(
      `alter table "activity" add constraint "activity_kind_check" check (kind in ('single_item', 'flash_sale', 'group_buy', 'full_reduction', 'full_discount', 'multi_buy', 'bundle', 'add_on', 'gift', 'bargain'));`,
    );
    this.addSql(`drop table if exists "purchase_limit_consumption";`);
    this.addSql(`drop table if exists "purchase_limit_usage";`);
  }
}
