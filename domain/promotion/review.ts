import type { DomainError } from '../shared/domain-error.js';
import { stateMachine } from '../shared/state-machine.js';
import type { ActivityDefinition } from './definition.js';
import { PROMOTION_ERROR, rejectionOf, toError, type PromotionRejection } from './errors.js';

export const REVIEW_STATUSES = ['draft', 'pending_review', 'published', 'rejected', 'superseded'] as const;
/**
 * PRM-2, the review status of one version: draft → pending review (待审核) → published (approved), or
 * rejected. When a newer version is approved, the one it replaces is superseded (kept as history).
 */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** PRM-2 as data: where each review status may go. Rejected and superseded versions are history. */
export const REVIEW_TRANSITIONS = {
  draft: ['pending_review'],
  pending_review: ['published', 'rejected'],
  published: ['superseded'],
  rejected: [],
  superseded: [],
} as const satisfies Record<ReviewStatus, readonly ReviewStatus[]>;

/** PRM-2's machine: every review step goes through it (`PROMOTION.INVALID_TRANSITION` with `from` and `to` otherwise). */
export const REVIEW = stateMachine<ReviewStatus>(REVIEW_TRANSITIONS, PROMOTION_ERROR.INVALID_TRANSITION, (from, to) => `a ${from} version cannot become ${to}`);

/** A version still being worked on (at most one per activity, always the newest). */
export const OPEN_STATUSES: readonly ReviewStatus[] = ['draft', 'pending_review'];

export const TIME_STATUSES = ['not_started', 'active', 'ended', 'voided'] as const;
/** PRM-2 status (未开始 / 进行中 / 已结束 / 已作废): a pure function of the activity and `now`. */
export type TimeStatus = (typeof TIME_STATUSES)[number];

export interface ActivityVersion {
  /** 1, 2, … */
  readonly number: number;
  readonly status: ReviewStatus;
  readonly definition: ActivityDefinition;
  readonly createdAt: Date;
  /** Who wrote this version: the staff who created it or edited it as a draft, in order, each once. */
  readonly authors: readonly string[];
  readonly submittedAt: Date | null;
  readonly submittedBy: string | null;
  /** The review decision, approval or rejection: when and by whom. */
  readonly reviewedAt: Date | null;
  readonly reviewedBy: string | null;
  /** Set only when the version was approved (published): four eyes, never its submitter or an author. */
  readonly approvedAt: Date | null;
  readonly approvedBy: string | null;
  readonly rejectionReason: string | null;
}

/** What the guards of a review step see: whether the activity is voided, the version, the moment and who takes the step. */
export interface ReviewContext {
  readonly voided: boolean;
  readonly version: ActivityVersion;
  readonly now: Date;
  /** The staff member taking the step (the token's subject over HTTP). */
  readonly by: string;
}

/** A pure guard of a review step: a typed rejection, or null to let it pass. */
export type ReviewGuard = (c: ReviewContext) => PromotionRejection | null;

export const notVoided: ReviewGuard = (c) =>
  c.voided ? rejectionOf(PROMOTION_ERROR.ACTIVITY_VOIDED, 'the activity is voided', { version: c.version.number }) : null;

/** Nothing is submitted or approved that could never run: the window must not have ended. */
export const windowNotEnded: ReviewGuard = (c) =>
  c.now.getTime() >= c.version.definition.endsAt.getTime()
    ? rejectionOf(PROMOTION_ERROR.WINDOW_ENDED, `version ${c.version.number}'s window ended at ${c.version.definition.endsAt.toISOString()}`, {
        version: c.version.number,
        endsAt: c.version.definition.endsAt.toISOString(),
      })
    : null;

/** Every review step names the staff member who takes it: the record says who, and four eyes needs it. */
export const actorNamed: ReviewGuard = (c) =>
  typeof c.by === 'string' && c.by.trim().length > 0
    ? null
    : rejectionOf(PROMOTION_ERROR.ACTOR_REQUIRED, 'a review step names the staff member who takes it', { version: c.version.number });

/**
 * Four eyes (decision 0021): a version is approved only by someone who neither submitted it nor wrote
 * it. A version whose submitter is unknown (submitted before the rule) cannot prove it: reject it and
 * submit it again.
 */
export const fourEyes: ReviewGuard = (c) => {
  const v = c.version;
  const reason = v.submittedBy === null ? 'SUBMITTER_UNKNOWN' : c.by === v.submittedBy ? 'SUBMITTER' : v.authors.includes(c.by) ? 'AUTHOR' : null;
  if (reason === null) return null;
  const message =
    reason === 'SUBMITTER_UNKNOWN'
      ? `version ${v.number} has no known submitter: reject it and submit it again`
      : `version ${v.number} is approved by a staff member other than its ${reason === 'SUBMITTER' ? 'submitter' : 'authors'}`;
  return rejectionOf(PROMOTION_ERROR.SELF_APPROVAL, message, { version: v.number, by: c.by, reason });
};

/** The guards of entering each status (PRM-2), checked in order after the table allows the step. */
export const REVIEW_GUARDS: Readonly<Record<ReviewStatus, readonly ReviewGuard[]>> = {
  draft: [notVoided],
  pending_review: [notVoided, windowNotEnded, actorNamed],
  published: [notVoided, windowNotEnded, actorNamed, fourEyes],
  rejected: [notVoided, actorNamed],
  superseded: [],
};

/** Whether `from → to` may happen now: the table first (`REVIEW`), then the guards of `to`. Null: allowed. */
export function reviewRejection(c: ReviewContext, to: ReviewStatus): DomainError | null {
  const moved = REVIEW.rejection(c.version.status, to, { version: c.version.number });
  if (moved) return moved;
  for (const guard of REVIEW_GUARDS[to]) {
    const r = guard(c);
    if (r) return toError(r);
  }
  return null;
}

/**
 * PRM-2 status at `now`: voided wins; otherwise the live version's window decides. An activity that was
 * never published has not started — unless the window of its newest version is over: then it never will.
 */
export function timeStatusAt(s: { voidedAt: Date | null; versions: readonly ActivityVersion[]; liveVersion: number | null }, now: Date): TimeStatus {
  if (s.voidedAt !== null) return 'voided';
  const live = s.liveVersion === null ? undefined : s.versions.find((v) => v.number === s.liveVersion);
  const window = (live ?? s.versions[s.versions.length - 1]!).definition;
  const t = now.getTime();
  if (t >= window.endsAt.getTime()) return 'ended';
  if (!live || t < window.startsAt.getTime()) return 'not_started';
  return 'active';
}
