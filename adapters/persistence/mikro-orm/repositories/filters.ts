/**
 * A `where` clause of the filters that are given: each `[sql with one ?, value]` whose value is not
 * undefined, joined with `and` (an empty string when none is), and their parameters in order.
 */
export function whereGiven(filters: readonly (readonly [string, unknown])[]): { readonly sql: string; readonly params: unknown[] } {
  const given = filters.filter(([, value]) => value !== undefined);
  return { sql: given.length > 0 ? ` where ${given.map(([sql]) => sql).join(' and ')}` : '', params: given.map(([, value]) => value) };
}
