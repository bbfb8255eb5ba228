/**
 * Beijing time (UTC+08:00, no daylight saving), as WeChat Pay and Alipay write times: their statements
 * and notifications say "yyyy-MM-dd HH:mm:ss" without an offset, WeChat Pay's API RFC 3339 with one.
 */
const OFFSET_MS = 8 * 3_600_000;
const TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** "2026-03-02 10:15:00" for an instant (seconds kept, milliseconds dropped). */
export function beijingText(at: Date): string {
  const b = new Date(at.getTime() + OFFSET_MS).toISOString();
  return `${b.slice(0, 10)} ${b.slice(11, 19)}`;
}

/** The instant of a Beijing time "yyyy-MM-dd HH:mm:ss"; null when the text is not one (2026-02-30 is not). */
export function fromBeijingText(text: string): Date | null {
  const m = TEXT.exec(text);
  if (!m) return null;
  const at = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(at.getTime()) || beijingText(at) !== text ? null : at;
}

/** RFC 3339 in Beijing time (`2026-03-02T10:15:00+08:00`), as WeChat Pay writes times and wants time_expire. */
export function beijingRfc3339(at: Date): string {
  return `${beijingText(at).replace(' ', 'T')}+08:00`;
}
