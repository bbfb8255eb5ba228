import { Migration } from '@mikro-orm/migrations';

/** Every version of every activity, rebuilt by `expression` over `v` (one version), in order. */
const eachVersion = (expression: string) =>
  `update "activity" set "versions" = (select coalesce(jsonb_agg(${expression} order by t.n), '[]'::jsonb) from jsonb_array_elements("versions") with ordinality as t(v, n));`;

/**
 * Four eyes on activities (issue #12, decision 0021): each version in `activity.versions` (jsonb) now
 * keeps its `authors` and, once approved, `approvedBy` / `approvedAt`. No column changes: this fills the
 * new keys on the versions stored before — no author known, and the reviewer of every approved
 * (published or superseded) version as its approver. Equals ../activity-record.ts.
 */
export class Migration20261122150000_activity_four_eyes extends Migration {
  override name = 'Migration20261122150000_activity_four_eyes';

  override up(): void {
    const approved = `v->>'status' in ('published', 'superseded')`;
    this.addSql(
      eachVersion(
        `v || jsonb_build_object('authors', coalesce(v->'authors', '[]'::jsonb), ` +
          `'approvedBy', case when ${approved} then v->'reviewedBy' else 'null'::jsonb end, ` +
          `'approvedAt', case when ${approved} then v->'reviewedAt' else 'null'::jsonb end)`,
      ),
    );
  }

  override down(): void {
    this.addSql(eachVersion(`v - 'authors' - 'approvedBy' - 'approvedAt'`));
  }
}
