import { Migration } from '@mikro-orm/migrations';

/**
 * The membership context (issue #7): profiles, growth and points balances (CHECK balance >= 0 behind
 * the guarded ledger statement) with their ledgers (unique (member, source, reference): idempotent
 * grants), level history, audits, shop memberships, rule tables, the paid-order projection and RFM
 * runs and scores. Equals ../records.ts.
 */
export class Migration20261122100000_membership extends Migration {
  override name = 'Migration20261122100000_membership';

  override up(): void {
    this.addSql(`create table "growth_account" ("member_id" text not null, "balance" int not null, primary key ("member_id"));`);
    this.addSql(
      `create table "growth_entry" ("id" text not null, "member_id" text not null, "source" text not null, "reference" text not null, "delta" int not null, "at" timestamptz not null, "expires_at" timestamptz null, "detail" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`alter table "growth_entry" add constraint "growth_entry_key_unique" unique ("member_id", "source", "reference");`);
    this.addSql(
      `create table "member_audit" ("id" text not null, "member_id" text not null, "action" text not null, "operator" text not null, "reason" text not null, "detail" jsonb not null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "member_audit_member_index" on "member_audit" ("member_id");`);
    this.addSql(
      `create table "member_level_change" ("id" text not null, "member_id" text not null, "scope" text not null, "from_level" int not null, "to_level" int not null, "reason" text not null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "member_level_change_member_index" on "member_level_change" ("member_id");`);
    this.addSql(
      `create table "member_order_fact" ("order_id" text not null, "member_id" text not null, "paid_at" timestamptz not null, "amount" numeric(20,2) not null, "refunded" numeric(20,2) not null, primary key ("order_id"));`,
    );
    this.addSql(`create index "member_order_fact_member_paid_index" on "member_order_fact" ("member_id", "paid_at");`);
    this.addSql(
      `create table "member_order_refund" ("refund_id" text not null, "order_id" text not null, "amount" numeric(20,2) not null, primary key ("refund_id"));`,
    );
    this.addSql(
      `create table "member" ("id" text not null, "registered_at" timestamptz not null, "phone" text null, "gender" text not null, "level" int not null, "addresses" jsonb not null, "paid_card" jsonb null, "version" int not null, primary key ("id"));`,
    );
    this.addSql(`create table "membership_setting" ("key" text not null, "value" jsonb not null, "version" int not null, primary key ("key"));`);
    this.addSql(`create table "points_account" ("member_id" text not null, "balance" int not null, primary key ("member_id"));`);
    this.addSql(
      `create table "points_entry" ("id" text not null, "member_id" text not null, "source" text not null, "reference" text not null, "delta" int not null, "at" timestamptz not null, "expires_at" timestamptz null, "detail" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`alter table "points_entry" add constraint "points_entry_key_unique" unique ("member_id", "source", "reference");`);
    this.addSql(
      `create table "rfm_run" ("id" text not null, "as_of" timestamptz not null, "config" jsonb not null, "members" int not null, "wake_ups" int not null, "downgrades" int not null, "at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create table "rfm_score" ("run_id" text not null, "member_id" text not null, "recency_days" int not null, "frequency" int not null, "monetary" numeric(20,2) not null, "r" smallint not null, "f" smallint not null, "m" smallint not null, "segment" text not null, primary key ("run_id", "member_id"));`,
    );
    this.addSql(`create index "rfm_score_run_segment_index" on "rfm_score" ("run_id", "segment");`);
    this.addSql(
      `create table "shop_membership" ("shop_id" text not null, "member_id" text not null, "level" int not null, "joined_at" timestamptz not null, primary key ("shop_id", "member_id"));`,
    );
    this.addSql(`create index "shop_membership_member_index" on "shop_membership" ("member_id");`);
    this.addSql(`alter table "growth_account" add constraint "growth_account_balance_check" check (balance >= 0);`);
    this.addSql(`alter table "member_order_fact" add constraint "member_order_fact_refunded_check" check (refunded >= 0 and refunded <= amount);`);
    this.addSql(`alter table "member" add constraint "member_level_check" check (level >= 1);`);
    this.addSql(`alter table "member" add constraint "member_gender_check" check (gender in ('male', 'female', 'unknown'));`);
    this.addSql(`alter table "points_account" add constraint "points_account_balance_check" check (balance >= 0);`);
  }

  override down(): void {
    this.addSql(`drop table if exists "rfm_score";`);
    this.addSql(`drop table if exists "rfm_run";`);
    this.addSql(`drop table if exists "member_order_refund";`);
    this.addSql(`drop table if exists "member_order_fact";`);
    this.addSql(`drop table if exists "membership_setting";`);
    this.addSql(`drop table if exists "shop_membership";`);
    this.addSql(`drop table if exists "member_audit";`);
    this.addSql(`drop table if exists "member_level_change";`);
    this.addSql(`drop table if exists "points_entry";`);
    this.addSql(`drop table if exists "growth_entry";`);
    this.addSql(`drop table if exists "points_account";`);
    this.addSql(`drop table if exists "growth_account";`);
    this.addSql(`drop table if exists "member";`);
  }
}
