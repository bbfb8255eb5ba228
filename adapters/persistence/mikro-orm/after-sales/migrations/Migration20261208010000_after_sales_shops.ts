import { Migration } from '@mikro-orm/migrations';

/** After-sales requests carry their shop and type as columns (staff search, statistics); shops' windows (AFS-1). Equals ../records.ts. */
export class Migration20261208010000_after_sales_shops extends Migration {
  override name = 'Migration20261208010000_after_sales_shops';

  override up(): void {
    // Requests opened before this migration named no shop: their order's first line's shop is not reachable from here, so ''.
    this.addSql(`alter table "after_sales_request" add column "shop_id" text not null default '', add column "type" text not null default 'refund';`);
    this.addSql(`update "after_sales_request" set "shop_id" = coalesce("snapshot"->>'shopId', ''), "type" = "snapshot"->>'type';`);
    this.addSql(`alter table "after_sales_request" alter column "shop_id" drop default, alter column "type" drop default;`);
    this.addSql(`create index "after_sales_request_opened_index" on "after_sales_request" ("opened_at" desc);`);
    this.addSql(
      `create table "after_sales_setting" ("shop_id" text not null, "window_days" int not null, primary key ("shop_id"), constraint after_sales_setting_window_check check (window_days in (7, 15)));`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "after_sales_setting";`);
    this.addSql(`drop index if exists "after_sales_request_opened_index";`);
    this.addSql(`alter table "after_sales_request" drop column "shop_id", drop column "type";`);
  }
}
