/** The stable code a call was refused with, or 'ok' when it was not: `expect(await codeOf(call)).toBe('X.Y')`. */
export const codeOf = (p: Promise<unknown>): Promise<string | undefined> =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );
