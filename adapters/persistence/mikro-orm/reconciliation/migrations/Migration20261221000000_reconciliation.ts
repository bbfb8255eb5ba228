import { Migration } from '@mikro-orm/migrations';

/** Reconciliation (对账, issue #16): runs, the statement lines each brought, discrepancy cases. Equals ../records.ts. */
export class Migration20261221000000_reconciliation extends Migration {
  override name = 'Migration20261221000000_reconciliation';

  override up(): void {
    this.addSql(
      `create table "reconciliation_run" ("id" text not null, "channel" text not null, "day" text not null, "at" timestamptz not null, "statement_run" text not null, "snapshot" jsonb not null, primary key ("id"));`,
    );
    this.addSql(`create index "reconciliation_run_day_index" on "reconciliation_run" ("channel", "day", "at" desc);`);
    this.addSql(`create index "reconciliation_run_at_index" on "reconciliation_run" ("at" desc);`);
    this.addSql(
      `create table "statement_line" ("run" text not null, "seq" int not null, "channel" text not null, "day" text not null, "kind" text not null, "number" text not null, "at" timestamptz not null, "amount" numeric(20,2) not null, "currency" text not null, "fee" numeric(20,5) not null, "channel_transaction_id" text not null, "several" boolean not null default false, primary key ("run", "seq"), constraint statement_line_kind_check check (kind in ('payment', 'refund')));`,
    );
    this.addSql(
      `create table "reconciliation_case" ("id" text not null, "channel" text not null, "day" text not null, "kind" text not null, "number" text not null, "state" text not null, "snapshot" jsonb not null, "version" int not null, primary key ("id"), constraint "reconciliation_case_key_unique" unique ("channel", "day", "kind", "number"), constraint reconciliation_case_state_check check (state in ('open', 'resolved', 'written_off')), constraint reconciliation_case_version_check check (version >= 0));`,
    );
    this.addSql(`create index "reconciliation_case_state_day_index" on "reconciliation_case" ("state", "day" desc);`);
  }

  override down(): void {
    this.addSql(`drop table if exists "reconciliation_case";`);
    this.addSql(`drop table if exists "statement_line";`);
    this.addSql(`drop table if exists "reconciliation_run";`);
  }
}
