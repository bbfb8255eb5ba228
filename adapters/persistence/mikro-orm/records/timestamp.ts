/**
 * Native queries get timestamps as text: a column as PostgreSQL prints it ("2025-01-01 08:00:00.123+08",
 * MikroORM's type parsers on `pg`, and ours on PGlite, leave it so), inside JSON as ISO 8601. Both parse.
 */
export function timestamp(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}

export function requiredTimestamp(text: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a timestamp: ${text}`);
  return d;
}
