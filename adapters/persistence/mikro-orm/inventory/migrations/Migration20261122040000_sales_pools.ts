import { Migration } from '@mikro-orm/migrations';

/**
 * The rest of the sales layer (issue #3): carve-out pools per activity or channel, presale units,
 * virtual SKUs, and the columns their movements need. Equals ../records.ts.
 */
export class Migration20261122040000_sales_pools extends Migration {
  override name = 'Migration20261122040000_sales_pools';

  override up(): void {
    this.addSql(`alter table "sales_stock" add column "presale" int not null default 0, add column "virtual" boolean not null default false;`);
    this.addSql(`alter table "sales_stock" drop constraint "sales_stock_no_oversell", drop constraint "sales_stock_counters_check";`);
    this.addSql(`alter table "sales_stock" add constraint "sales_stock_no_oversell" check (virtual or total - locked - activity >= -oversell_allowance);`);
    this.addSql(
      `alter table "sales_stock" add constraint "sales_stock_counters_check" check (locked >= 0 and sold >= 0 and activity >= 0 and presale >= 0 and oversell_allowance >= 0);`,
    );
    this.addSql(`alter table "stock_movement" add column "pool" text null, add column "d_presale" int not null default 0;`);
    this.addSql(`create table "stock_pool" ("sku_id" text not null, "pool" text not null, "quantity" int not null, primary key ("sku_id", "pool"));`);
    this.addSql(`alter table "stock_pool" add constraint "stock_pool_quantity_check" check (quantity >= 0);`);
  }

  override down(): void {
    this.addSql(`drop table if exists "stock_pool";`);
    this.addSql(`alter table "stock_movement" drop column "pool", drop column "d_presale";`);
    this.addSql(`alter table "sales_stock" drop constraint "sales_stock_no_oversell", drop constraint "sales_stock_counters_check";`);
    this.addSql(`alter table "sales_stock" drop column "presale", drop column "virtual";`);
    this.addSql(`alter table "sales_stock" add constraint "sales_stock_no_oversell" check (total - locked - activity >= -oversell_allowance);`);
    this.addSql(
      `alter table "sales_stock" add constraint "sales_stock_counters_check" check (locked >= 0 and sold >= 0 and activity >= 0 and oversell_allowance >= 0);`,
    );
  }
}
