import { Migration } from '@mikro-orm/migrations';

/**
 * The promotion context (issue #4): activities with their versions (PRM-2), budgets spent by guarded
 * UPDATEs with charges keyed by reference, group-buy groups whose `paid` counter a CHECK keeps within the
 * size, their members (an order in one group at most), and bargains (one per member and activity).
 * Equals ../records.ts (and ../activity-record.ts).
 */
export class Migration20261122060000_promotions extends Migration {
  override name = 'Migration20261122060000_promotions';

  override up(): void {
    this.addSql(
      `create table "activity" ("id" text not null, "code" text collate "C" not null, "kind" text not null, "versions" jsonb not null, "live_version" int null, "voided_at" timestamptz null, "void_reason" text null, "created_at" timestamptz not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`create index "activity_live_index" on "activity" ("live_version") where live_version is not null and voided_at is null;`);
    this.addSql(`alter table "activity" add constraint "activity_code_unique" unique ("code");`);
    this.addSql(
      `alter table "activity" add constraint "activity_kind_check" check (kind in ('single_item', 'flash_sale', 'group_buy', 'full_reduction', 'full_discount', 'multi_buy', 'bundle', 'add_on', 'gift', 'bargain'));`,
    );
    this.addSql(`alter table "activity" add constraint "activity_version_check" check (version >= 0);`);

    this.addSql(`create table "activity_budget" ("activity_id" text not null, "spent" numeric(20,2) not null, primary key ("activity_id"));`);
    this.addSql(`alter table "activity_budget" add constraint "activity_budget_spent_check" check (spent >= 0);`);
    this.addSql(
      `create table "activity_budget_charge" ("activity_id" text not null, "reference" text not null, "amount" numeric(20,2) not null, "released" boolean not null, "at" timestamptz not null, primary key ("activity_id", "reference"));`,
    );
    this.addSql(`alter table "activity_budget_charge" add constraint "activity_budget_charge_amount_check" check (amount > 0);`);

    this.addSql(
      `create table "group_buy" ("id" text not null, "activity_id" text not null, "activity_version" int not null, "type" text not null, "size" int not null, "paid" int not null, "tier" jsonb not null, "status" text not null, "leader_id" text not null, "opened_at" timestamptz not null, "deadline" timestamptz not null, "closed_at" timestamptz null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`create index "group_buy_activity_index" on "group_buy" ("activity_id");`);
    this.addSql(`create index "group_buy_forming_deadline_index" on "group_buy" ("deadline") where status in ('pending', 'open');`);
    this.addSql(`alter table "group_buy" add constraint "group_buy_paid_check" check (paid >= 0 and paid <= size);`);
    this.addSql(`alter table "group_buy" add constraint "group_buy_status_check" check (status in ('pending', 'open', 'succeeded', 'failed'));`);
    this.addSql(`alter table "group_buy" add constraint "group_buy_version_check" check (version >= 0);`);

    this.addSql(
      `create table "group_member" ("group_id" text not null, "order_id" text not null, "position" int not null, "member_id" text not null, "leader" boolean not null, "status" text not null, "joined_at" timestamptz not null, "paid_at" timestamptz null, primary key ("group_id", "order_id"));`,
    );
    this.addSql(`alter table "group_member" add constraint "group_member_order_unique" unique ("order_id");`);
    this.addSql(`alter table "group_member" add constraint "group_member_member_unique" unique ("group_id", "member_id");`);
    this.addSql(`alter table "group_member" add constraint "group_member_status_check" check (status in ('pending', 'paid'));`);

    this.addSql(
      `create table "bargain" ("id" text not null, "activity_id" text not null, "activity_version" int not null, "member_id" text not null, "sku_id" text not null, "original_price" numeric(20,2) not null, "floor_price" numeric(20,2) not null, "max_helpers" int not null, "seed" text not null, "helps" jsonb not null, "status" text not null, "started_at" timestamptz not null, "deadline" timestamptz not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`alter table "bargain" add constraint "bargain_member_unique" unique ("activity_id", "member_id");`);
    this.addSql(`alter table "bargain" add constraint "bargain_prices_check" check (floor_price >= 0 and floor_price < original_price);`);
    this.addSql(`alter table "bargain" add constraint "bargain_status_check" check (status in ('open', 'complete'));`);
    this.addSql(`alter table "bargain" add constraint "bargain_version_check" check (version >= 0);`);
  }

  override down(): void {
    this.addSql(`drop table if exists "bargain";`);
    this.addSql(`drop table if exists "group_member";`);
    this.addSql(`drop table if exists "group_buy";`);
    this.addSql(`drop table if exists "activity_budget_charge";`);
    this.addSql(`drop table if exists "activity_budget";`);
    this.addSql(`drop table if exists "activity";`);
  }
}
