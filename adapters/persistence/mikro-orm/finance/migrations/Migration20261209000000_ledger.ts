import { Migration } from '@mikro-orm/migrations';
import { LEDGER_FUNCTIONS, ledgerTriggers } from '../triggers.js';

/** The ledger (issue #16 item 4, decision 0037). Equals ../records.ts, plus the trigger functions of ../triggers.ts. */
export class Migration20261209000000_ledger extends Migration {
  override name = 'Migration20261209000000_ledger';

  override up(): void {
    this.addSql(
      `create table "ledger_posting" ("id" text not null, "source" text not null, "kind" text not null, "at" timestamptz not null, "recorded_at" timestamptz not null, "memo" text not null, "reverses" text null, "by" text null, primary key ("id"), constraint ledger_posting_kind_check check (kind in ('order-paid', 'order-completed', 'refund-issued', 'refund-paid-out', 'late-payment', 'late-refund', 'channel-fees', 'reversal')));`,
    );
    this.addSql(`create index "ledger_posting_at_index" on "ledger_posting" ("at");`);
    this.addSql(`alter table "ledger_posting" add constraint "ledger_posting_source_unique" unique ("source");`);
    this.addSql(`alter table "ledger_posting" add constraint "ledger_posting_reverses_unique" unique ("reverses");`);
    this.addSql(
      `create table "ledger_line" ("posting_id" text not null, "line_no" int not null, "account" text not null, "side" text not null, "amount" numeric(20,2) not null, "currency" text not null, "order_id" text null, primary key ("posting_id", "line_no"), constraint ledger_line_side_check check (side in ('debit', 'credit')), constraint ledger_line_amount_check check (amount > 0));`,
    );
    this.addSql(`create index "ledger_line_account_index" on "ledger_line" ("account");`);
    this.addSql(`create index "ledger_line_order_index" on "ledger_line" ("order_id", "account");`);
    for (const sql of LEDGER_FUNCTIONS) this.addSql(sql);
    for (const t of [...ledgerTriggers('ledger_posting'), ...ledgerTriggers('ledger_line')]) this.addSql(`${t.expression};`);
  }

  override down(): void {
    this.addSql(`drop table if exists "ledger_line";`);
    this.addSql(`drop table if exists "ledger_posting";`);
    this.addSql(`drop function if exists ledger_posting_balanced();`);
    this.addSql(`drop function if exists ledger_append_only();`);
  }
}
