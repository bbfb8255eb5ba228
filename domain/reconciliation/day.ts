import { RECONCILIATION_ERRORS } from './errors.js';

/** A calendar day `YYYY-MM-DD`; RECONCILIATION.INVALID_DAY otherwise. */
export function requireDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const valid = m !== null && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
  if (!valid) throw RECONCILIATION_ERRORS.raise('INVALID_DAY', `${JSON.stringify(day)} is not a day YYYY-MM-DD`, { day });
  return day;
}

/** The day after or before (`delta` days), as `YYYY-MM-DD`. */
export function shiftDay(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
}

/** The offset of `timeZone` from UTC at `at`, in milliseconds (Asia/Shanghai: +8 h). */
function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a day starts in a time zone (midnight there). */
export function startOfDay(day: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // Twice: the offset at the guess may differ from the offset at the answer (a daylight-saving change).
  let at = midnightUtc - offsetMs(new Date(midnightUtc), timeZone);
  at = midnightUtc - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** A day in a time zone as the half-open interval [from, to). */
export interface DayWindow {
  readonly from: Date;
  readonly to: Date;
}

export function dayWindow(day: string, timeZone: string): DayWindow {
  return { from: startOfDay(requireDay(day), timeZone), to: startOfDay(shiftDay(day, 1), timeZone) };
}

/** The day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function dayOf(at: Date, timeZone: string): string {
  return new Date(at.getTime() + offsetMs(at, timeZone)).toISOString().slice(0, 10);
}
