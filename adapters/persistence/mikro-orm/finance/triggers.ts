/**
 * FIN-1 and append-only, said by the database (decision 0037): the functions and triggers of the ledger's
 * tables, one text for the migration and the entity schemas (which declare the triggers, so the schema
 * check knows them).
 *
 * - `ledger_posting_balanced()`: at COMMIT (constraint triggers, DEFERRABLE INITIALLY DEFERRED, on every
 *   row inserted into `ledger_posting` and `ledger_line`), the posting exists, has at least two lines, and
 *   its debits equal its credits in every currency — else SQLSTATE 23514 (`ledger_posting_balanced`) and
 *   the transaction does not commit, whoever wrote it.
 * - `ledger_append_only()`: BEFORE UPDATE OR DELETE of either table, refused (SQLSTATE 55000): a correction
 *   is a reversing posting.
 */
export const LEDGER_FUNCTIONS = [
  `create function ledger_posting_balanced() returns trigger language plpgsql as $$
declare
  pid text;
  n int;
  off record;
begin
  if tg_table_name = 'ledger_line' then pid := new.posting_id; else pid := new.id; end if;
  if not exists (select 1 from ledger_posting where id = pid) then
    raise exception 'ledger lines of no posting %', pid using errcode = '23514', constraint = 'ledger_posting_balanced';
  end if;
  select count(*) into n from ledger_line where posting_id = pid;
  if n < 2 then
    raise exception 'FIN-1: posting % has % line(s); a posting has at least two', pid, n using errcode = '23514', constraint = 'ledger_posting_balanced';
  end if;
  for off in
    select currency, sum(case side when 'debit' then amount else -amount end) as diff from ledger_line where posting_id = pid
    group by currency having sum(case side when 'debit' then amount else -amount end) <> 0
  loop
    raise exception 'FIN-1: posting % does not balance in %: debits - credits = %', pid, off.currency, off.diff
      using errcode = '23514', constraint = 'ledger_posting_balanced';
  end loop;
  return null;
end
$$;`,
  `create function ledger_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the ledger is append-only: % on % refused (a correction is a reversing posting)', tg_op, tg_table_name using errcode = '55000';
end
$$;`,
];

const balanced = (table: string) => ({
  name: `${table}_balanced`,
  timing: 'after' as const,
  events: ['insert' as const],
  forEach: 'row' as const,
  expression: `create constraint trigger "${table}_balanced" after insert on "${table}" deferrable initially deferred for each row execute function ledger_posting_balanced()`,
});

const appendOnly = (table: string) => ({
  name: `${table}_append_only`,
  timing: 'before' as const,
  events: ['update' as const, 'delete' as const],
  forEach: 'row' as const,
  expression: `create trigger "${table}_append_only" before update or delete on "${table}" for each row execute function ledger_append_only()`,
});

/** The triggers of a ledger table (declared on its entity schema, created by the migration). */
export const ledgerTriggers = (table: 'ledger_posting' | 'ledger_line') => [balanced(table), appendOnly(table)];
