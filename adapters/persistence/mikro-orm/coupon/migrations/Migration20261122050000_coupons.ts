import { Migration } from '@mikro-orm/migrations';

/**
 * The coupon context (issue #4): templates with their guarded `issued` count, per-member claim counts,
 * and the members' coupons. CHECK constraints back the claim guards (issued ≤ total quantity, a
 * member's count ≤ the limit). Equals ../records.ts.
 */
export class Migration20261122050000_coupons extends Migration {
  override name = 'Migration20261122050000_coupons';

  override up(): void {
    this.addSql(
      `create table "coupon_template" ("id" text not null, "name" text not null, "kind" text not null, "issuer_shop_id" text null, "scope" jsonb not null, "amount" numeric(20,2) null, "threshold" numeric(20,2) null, "percent_off" numeric(5,2) null, "cap" numeric(20,2) null, "random_min" numeric(20,2) null, "random_max" numeric(20,2) null, "validity_kind" text not null, "valid_from" timestamptz null, "valid_until" timestamptz null, "valid_days" int null, "claim_starts_at" timestamptz not null, "claim_ends_at" timestamptz not null, "total_quantity" int not null, "per_member_limit" int not null, "issued" int not null default 0, "visibility" text not null, "audience" text not null, "channels" jsonb not null, "stacking" text not null, "priority" int not null, "status" text not null, "created_at" timestamptz not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`alter table "coupon_template" add constraint "coupon_template_issued_check" check (issued >= 0 and issued <= total_quantity);`);
    this.addSql(`alter table "coupon_template" add constraint "coupon_template_limits_check" check (total_quantity >= 1 and per_member_limit >= 1);`);
    this.addSql(
      `alter table "coupon_template" add constraint "coupon_template_kind_check" check (kind in ('cash', 'threshold', 'discount', 'random', 'shipping'));`,
    );
    this.addSql(`alter table "coupon_template" add constraint "coupon_template_status_check" check (status in ('active', 'stopped'));`);
    this.addSql(`alter table "coupon_template" add constraint "coupon_template_visibility_check" check (visibility in ('public', 'hidden'));`);
    this.addSql(`alter table "coupon_template" add constraint "coupon_template_audience_check" check (audience in ('all', 'new_customers'));`);
    this.addSql(
      `alter table "coupon_template" add constraint "coupon_template_validity_check" check ((validity_kind = 'fixed' and valid_from < valid_until) or (validity_kind = 'relative' and valid_days >= 1));`,
    );
    this.addSql(`alter table "coupon_template" add constraint "coupon_template_claim_window_check" check (claim_starts_at < claim_ends_at);`);
    this.addSql(`alter table "coupon_template" add constraint "coupon_template_version_check" check (version >= 0);`);
    this.addSql(
      `create table "coupon_member_claim" ("template_id" text not null, "member_id" text not null, "claimed" int not null, "claim_limit" int not null, primary key ("template_id", "member_id"));`,
    );
    this.addSql(`alter table "coupon_member_claim" add constraint "coupon_member_claim_limit_check" check (claimed >= 0 and claimed <= claim_limit);`);
    this.addSql(
      `create table "owned_coupon" ("id" text not null, "template_id" text not null, "member_id" text not null, "source" text not null, "claimed_at" timestamptz not null, "valid_from" timestamptz not null, "valid_until" timestamptz not null, "amount" numeric(20,2) null, "state" text not null, "order_id" text null, "handled" jsonb not null, "updated_at" timestamptz not null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`create index "owned_coupon_member_index" on "owned_coupon" ("member_id");`);
    this.addSql(`create index "owned_coupon_template_state_index" on "owned_coupon" ("template_id", "state");`);
    this.addSql(`create index "owned_coupon_expiry_index" on "owned_coupon" ("state", "valid_until");`);
    this.addSql(
      `alter table "owned_coupon" add constraint "owned_coupon_state_check" check (state in ('available', 'locked', 'used', 'returned', 'expired'));`,
    );
    this.addSql(`alter table "owned_coupon" add constraint "owned_coupon_source_check" check (source in ('claim', 'issue'));`);
    this.addSql(`alter table "owned_coupon" add constraint "owned_coupon_validity_check" check (valid_from < valid_until);`);
    this.addSql(`alter table "owned_coupon" add constraint "owned_coupon_version_check" check (version >= 1);`);
  }

  override down(): void {
    this.addSql(`drop table if exists "owned_coupon";`);
    this.addSql(`drop table if exists "coupon_member_claim";`);
    this.addSql(`drop table if exists "coupon_template";`);
  }
}
