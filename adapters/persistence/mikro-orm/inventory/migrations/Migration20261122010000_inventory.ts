import { Migration } from '@mikro-orm/migrations';

/** The sales layer of stock, its ledger and the holds of locks (issue #3). Equals ../records.ts. */
export class Migration20261122010000_inventory extends Migration {
  override name = 'Migration20261122010000_inventory';

  override up(): void {
    this.addSql(
      `create table "sales_stock" ("sku_id" text not null, "total" int not null, "locked" int not null, "sold" int not null, "activity" int not null, "oversell_allowance" int not null, "low_stock_threshold" int null, primary key ("sku_id"));`,
    );
    this.addSql(`alter table "sales_stock" add constraint "sales_stock_no_oversell" check (total - locked - activity >= -oversell_allowance);`);
    this.addSql(
      `alter table "sales_stock" add constraint "sales_stock_counters_check" check (locked >= 0 and sold >= 0 and activity >= 0 and oversell_allowance >= 0);`,
    );
    this.addSql(
      `create table "stock_hold" ("sku_id" text not null, "lock_reference" text not null, "quantity" int not null, primary key ("sku_id", "lock_reference"));`,
    );
    this.addSql(`alter table "stock_hold" add constraint "stock_hold_quantity_check" check (quantity >= 0);`);
    this.addSql(
      `create table "stock_movement" ("id" text not null, "sku_id" text not null, "kind" text not null, "reference" text not null, "lock_reference" text null, "quantity" int not null, "d_total" int not null, "d_locked" int not null, "d_sold" int not null, "d_activity" int not null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "stock_movement" add constraint "stock_movement_reference_unique" unique ("sku_id", "kind", "reference");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "stock_movement";`);
    this.addSql(`drop table if exists "stock_hold";`);
    this.addSql(`drop table if exists "sales_stock";`);
  }
}
