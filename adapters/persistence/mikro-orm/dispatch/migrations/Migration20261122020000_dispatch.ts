import { Migration } from '@mikro-orm/migrations';

/**
 * Warehouses of the dispatch centre, and `warehouse_stock`: available units per warehouse and SKU, a
 * stand-in until the dispatch layer of stock lands (issue #3). Equals ../records.ts.
 */
export class Migration20261122020000_dispatch extends Migration {
  override name = 'Migration20261122020000_dispatch';

  override up(): void {
    this.addSql(
      `create table "warehouse" ("id" text not null, "code" text collate "C" not null, "name" text not null, "address_region" text not null, "address_detail" text not null, "contact_name" text not null, "contact_phone" text not null, "type" text not null, "priority" int not null, "status" text not null, "tiers" jsonb not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`alter table "warehouse" add constraint "warehouse_code_unique" unique ("code");`);
    this.addSql(`alter table "warehouse" add constraint "warehouse_type_check" check (type in ('self_run_central', 'self_run_regional', 'supplier'));`);
    this.addSql(`alter table "warehouse" add constraint "warehouse_status_check" check (status in ('active', 'inactive'));`);
    this.addSql(`alter table "warehouse" add constraint "warehouse_priority_check" check (priority >= 0 and priority <= 9999);`);
    this.addSql(`alter table "warehouse" add constraint "warehouse_version_check" check (version >= 0);`);
    this.addSql(
      `create table "warehouse_stock" ("warehouse_id" text not null, "sku_id" text not null, "available" int not null, primary key ("warehouse_id", "sku_id"));`,
    );
    this.addSql(`alter table "warehouse_stock" add constraint "warehouse_stock_available_check" check (available >= 0);`);
  }

  override down(): void {
    this.addSql(`drop table if exists "warehouse_stock";`);
    this.addSql(`drop table if exists "warehouse";`);
  }
}
