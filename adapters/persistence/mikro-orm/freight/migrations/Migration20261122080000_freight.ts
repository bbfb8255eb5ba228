import { Migration } from '@mikro-orm/migrations';

/**
 * Freight (issue #5): per-item templates, each shop's settings (mode, combination, shop template,
 * carrier cost table) and the SKU → template assignments. Equals ../records.ts.
 */
export class Migration20261122080000_freight extends Migration {
  override name = 'Migration20261122080000_freight';

  override up(): void {
    this.addSql(
      `create table "freight_template" ("id" text not null, "shop_id" text not null, "name" text not null, "charge_by" text not null, "default_rate" jsonb not null, "region_rates" jsonb not null, "free_rules" jsonb not null, "overrides_shop" boolean not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`create index "freight_template_shop_index" on "freight_template" ("shop_id");`);
    this.addSql(`alter table "freight_template" add constraint "freight_template_charge_by_check" check (charge_by in ('piece', 'weight', 'volume'));`);
    this.addSql(`alter table "freight_template" add constraint "freight_template_version_check" check (version >= 0);`);
    this.addSql(
      `create table "shop_freight_settings" ("id" text not null, "mode" text not null, "combination" text not null, "shop_template" jsonb null, "carrier_cost" jsonb null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`alter table "shop_freight_settings" add constraint "shop_freight_settings_mode_check" check (mode in ('per_item', 'shop', 'mixed'));`);
    this.addSql(`alter table "shop_freight_settings" add constraint "shop_freight_settings_combination_check" check (combination in ('sum', 'max'));`);
    this.addSql(
      `alter table "shop_freight_settings" add constraint "shop_freight_settings_shop_template_check" check (mode = 'per_item' or shop_template is not null);`,
    );
    this.addSql(`alter table "shop_freight_settings" add constraint "shop_freight_settings_version_check" check (version >= 0);`);
    this.addSql(`create table "sku_freight_template" ("sku_id" text not null, "template_id" text not null, primary key ("sku_id"));`);
    this.addSql(`create index "sku_freight_template_template_index" on "sku_freight_template" ("template_id");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "sku_freight_template";`);
    this.addSql(`drop table if exists "shop_freight_settings";`);
    this.addSql(`drop table if exists "freight_template";`);
  }
}
