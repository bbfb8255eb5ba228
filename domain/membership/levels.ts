import { MEMBERSHIP_ERRORS } from './errors.js';

/**
 * Platform levels by growth thresholds: `thresholds[i]` is the growth from which level i+1 (VIP{i+1})
 * starts. The first is 0 and they rise strictly, so the level is a monotone function of growth.
 */
export interface LevelTable {
  readonly thresholds: readonly number[];
}

export const DEFAULT_LEVELS: LevelTable = { thresholds: [0, 200, 1_000, 3_000, 8_000, 20_000, 50_000] };

export const MAX_LEVELS = 20;

export function checkLevels(t: LevelTable): LevelTable {
  const th = t?.thresholds;
  if (!Array.isArray(th) || th.length < 1 || th.length > MAX_LEVELS) {
    throw MEMBERSHIP_ERRORS.raise('INVALID_THRESHOLDS', `1 to ${MAX_LEVELS} thresholds`);
  }
  if (th[0] !== 0) throw MEMBERSHIP_ERRORS.raise('INVALID_THRESHOLDS', 'the first level starts at 0 growth', { thresholds: th });
  for (let i = 0; i < th.length; i++) {
    const v = th[i];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw MEMBERSHIP_ERRORS.raise('INVALID_THRESHOLDS', 'thresholds are whole numbers from 0', { thresholds: th });
    }
    if (i > 0 && v <= th[i - 1]!) {
      throw MEMBERSHIP_ERRORS.raise('THRESHOLDS_OUT_OF_ORDER', 'thresholds rise strictly from level to level', { thresholds: th, at: i });
    }
  }
  return { thresholds: [...th] };
}

/** The level a growth value reaches: the highest whose threshold it meets. */
export function levelOf(growth: number, t: LevelTable): number {
  let level = 1;
  for (let i = 1; i < t.thresholds.length; i++) if (growth >= t.thresholds[i]!) level = i + 1;
  return level;
}

/**
 * The target shares per level, bottom (VIP1) to top, in whole percent summing to 100; turned into the
 * quantiles the thresholds sit at: level k starts where the members below it make up the shares of
 * levels 1…k−1.
 */
export function quantilesOf(shares: readonly number[]): number[] {
  if (!Array.isArray(shares) || shares.length < 1 || shares.length > MAX_LEVELS) {
    throw MEMBERSHIP_ERRORS.raise('INVALID_SHARES', `1 to ${MAX_LEVELS} shares`);
  }
  if (shares.some((s) => typeof s !== 'number' || !Number.isSafeInteger(s) || s < 0) || shares.reduce((a, b) => a + b, 0) !== 100) {
    throw MEMBERSHIP_ERRORS.raise('INVALID_SHARES', 'shares are whole percentages summing to 100', { shares });
  }
  const q: number[] = [];
  let below = 0;
  for (let k = 1; k < shares.length; k++) {
    below += shares[k - 1]!;
    q.push(below / 100);
  }
  return q;
}

/**
 * `percentile_disc` as PostgreSQL computes it: the first value of the ascending list whose cumulative
 * share reaches q. Both adapters use this definition (memory here, PostgreSQL in SQL).
 */
export function percentileDisc(sortedAscending: readonly number[], q: number): number {
  if (sortedAscending.length === 0) return 0;
  const i = Math.max(0, Math.ceil(q * sortedAscending.length) - 1);
  return sortedAscending[Math.min(i, sortedAscending.length - 1)]!;
}

/**
 * Thresholds from the values at the quantiles: the first is 0, each at least one above the one before
 * (so the table stays valid when many members share a growth value).
 */
export function thresholdsFrom(values: readonly number[]): LevelTable {
  const th = [0];
  for (const v of values) th.push(Math.max(v, th[th.length - 1]! + 1));
  return { thresholds: th };
}
