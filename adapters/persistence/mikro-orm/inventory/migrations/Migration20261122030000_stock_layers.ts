import { Migration } from '@mikro-orm/migrations';

/**
 * The dispatch layer (调度层) and the warehouse layer (仓库层) of stock with their ledgers (issue #3);
 * drops `warehouse_stock`, the stand-in the dispatch layer replaces. Equals ../layer-records.ts.
 */
export class Migration20261122030000_stock_layers extends Migration {
  override name = 'Migration20261122030000_stock_layers';

  override up(): void {
    this.addSql(
      `create table "dispatch_stock" ("sku_id" text not null, "warehouse_id" text not null, "book" int not null, "available" int not null, "in_transit" int not null, "unsellable" int not null, "used" int not null, primary key ("sku_id", "warehouse_id"));`,
    );
    this.addSql(
      `alter table "dispatch_stock" add constraint "dispatch_stock_counters_check" check (book >= 0 and available >= 0 and in_transit >= 0 and unsellable >= 0 and used >= 0);`,
    );
    this.addSql(`alter table "dispatch_stock" add constraint "dispatch_stock_book_check" check (book = available + unsellable + used);`);
    this.addSql(
      `create table "dispatch_stock_movement" ("id" text not null, "sku_id" text not null, "warehouse_id" text not null, "kind" text not null, "reference" text not null, "quantity" int not null, "d_book" int not null, "d_available" int not null, "d_in_transit" int not null, "d_unsellable" int not null, "d_used" int not null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "dispatch_stock_movement" add constraint "dispatch_stock_movement_reference_unique" unique ("sku_id", "warehouse_id", "kind", "reference");`,
    );
    this.addSql(
      `create table "location_stock" ("sku_id" text not null, "warehouse_id" text not null, "location" text not null, "available" int not null, "locked" int not null, "shipped" int not null, "unusable" int not null, primary key ("sku_id", "warehouse_id", "location"));`,
    );
    this.addSql(
      `alter table "location_stock" add constraint "location_stock_counters_check" check (available >= 0 and locked >= 0 and shipped >= 0 and unusable >= 0);`,
    );
    this.addSql(
      `create table "location_stock_movement" ("id" text not null, "sku_id" text not null, "warehouse_id" text not null, "location" text not null, "kind" text not null, "reference" text not null, "quantity" int not null, "d_available" int not null, "d_locked" int not null, "d_shipped" int not null, "d_unusable" int not null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "location_stock_movement" add constraint "location_stock_movement_reference_unique" unique ("sku_id", "warehouse_id", "location", "kind", "reference");`,
    );
    this.addSql(`drop table if exists "warehouse_stock";`);
  }

  override down(): void {
    this.addSql(
      `create table "warehouse_stock" ("warehouse_id" text not null, "sku_id" text not null, "available" int not null, primary key ("warehouse_id", "sku_id"));`,
    );
    this.addSql(`alter table "warehouse_stock" add constraint "warehouse_stock_available_check" check (available >= 0);`);
    this.addSql(`drop table if exists "location_stock_movement";`);
    this.addSql(`drop table if exists "location_stock";`);
    this.addSql(`drop table if exists "dispatch_stock_movement";`);
    this.addSql(`drop table if exists "dispatch_stock";`);
  }
}
