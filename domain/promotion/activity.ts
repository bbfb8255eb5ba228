import type { Activity as PricingActivity } from '../pricing/index.js';
import { AggregateRoot } from '../shared/domain-event.js';
import { activityCode } from './code.js';
import { checkedDefinition, pricingActivityOf, type ActivityDefinition, type ActivityInput, type PromotionKind } from './definition.js';
import { PROMOTION_ERROR, invalidField, rejectionOf, toError } from './errors.js';
import { OPEN_STATUSES, REVIEW, reviewRejection, timeStatusAt, type ActivityVersion, type ReviewStatus, type TimeStatus } from './review.js';

export interface ActivitySnapshot {
  readonly id: string;
  /** Generated from the id (`ACT-…`), unique. */
  readonly code: string;
  /** Every version has this kind. */
  readonly kind: PromotionKind;
  /** Oldest first, numbered 1, 2, …; at most one open (draft or pending review), always the newest. */
  readonly versions: readonly ActivityVersion[];
  /** The published version that serves, or null before the first approval. */
  readonly liveVersion: number | null;
  readonly voidedAt: Date | null;
  readonly voidReason: string | null;
  readonly createdAt: Date;
  /** Optimistic concurrency. */
  readonly version: number;
}

/** Who wrote a version (create, revise): recorded among its authors when given (the staff subject). */
export interface Actor {
  readonly by?: string;
}

/** Who takes a review step (submit, approve, reject): always named (the staff subject), for the record and four eyes. */
export interface Reviewer {
  readonly by: string;
}

/**
 * A promotion activity (促销活动), PRM-2: setup (window, channels, audience, per-member limit, products,
 * rule, budget, stacking), review (draft → pending review → published, or rejected) and versions: editing
 * a published activity makes a new version that goes through review while the live one keeps serving;
 * approving it replaces the live one. Voiding ends it for good.
 */
export class Activity extends AggregateRoot {
  private constructor(private state: ActivitySnapshot) {
    super();
  }

  static create(id: string, input: ActivityInput, now: Date, actor: Actor = {}): Activity {
    const definition = checkedDefinition(id, input);
    const a = new Activity(
      checked({
        id,
        code: activityCode(id),
        kind: definition.rule.kind,
        versions: [newVersion(1, definition, now, authorsWith([], actor))],
        liveVersion: null,
        voidedAt: null,
        voidReason: null,
        createdAt: now,
        version: 0,
      }),
    );
    a.emit('created', now, { code: a.state.code, kind: a.state.kind, version: 1, by: actor.by ?? null });
    return a;
  }

  static restore(snapshot: ActivitySnapshot): Activity {
    return new Activity(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get code(): string {
    return this.state.code;
  }
  get kind(): PromotionKind {
    return this.state.kind;
  }
  get version(): number {
    return this.state.version;
  }
  get voided(): boolean {
    return this.state.voidedAt !== null;
  }
  /** The published version that serves, if any. */
  get live(): ActivityVersion | null {
    return this.state.liveVersion === null ? null : this.versionNumbered(this.state.liveVersion);
  }
  /** The newest version (the open one when there is one). */
  get latest(): ActivityVersion {
    return this.state.versions[this.state.versions.length - 1]!;
  }
  /** The draft or pending version, if any. */
  get open(): ActivityVersion | null {
    return OPEN_STATUSES.includes(this.latest.status) ? this.latest : null;
  }

  /** PRM-2 status at `now`. */
  timeStatusAt(now: Date): TimeStatus {
    return timeStatusAt(this.state, now);
  }

  /** The live version if it serves at `now` (published, in its window, not voided). */
  liveAt(now: Date): ActivityVersion | null {
    return this.timeStatusAt(now) === 'active' ? this.live : null;
  }

  /** The pricing engine's input for the live version, when it serves at `now` and has a pricing rule (a bargain has none). */
  activeAt(now: Date): PricingActivity | null {
    const live = this.liveAt(now);
    return live ? pricingActivityOf(this.id, live.definition) : null;
  }

  /** Draft → pending review, by a named staff member. */
  submit(now: Date, reviewer: Reviewer): void {
    const v = this.allowed('pending_review', now, reviewer.by);
    this.step(v, 'pending_review', { submittedAt: now, submittedBy: reviewer.by });
    this.emit('submitted', now, { version: v.number, by: reviewer.by });
  }

  /**
   * Pending review → published: it becomes the live version; the one it replaces is superseded. Four
   * eyes: only by a staff member who neither submitted nor wrote the version (`PROMOTION.SELF_APPROVAL`).
   */
  approve(now: Date, reviewer: Reviewer): void {
    const v = this.allowed('published', now, reviewer.by);
    const previous = this.live;
    if (previous) REVIEW.assert(previous.status, 'superseded', { version: previous.number });
    const by = reviewer.by;
    const versions = this.state.versions.map((x) =>
      x.number === v.number
        ? { ...x, status: 'published' as const, reviewedAt: now, reviewedBy: by, approvedAt: now, approvedBy: by }
        : x.number === previous?.number
          ? { ...x, status: 'superseded' as const }
          : x,
    );
    this.state = checked({ ...this.state, versions, liveVersion: v.number });
    this.emit('published', now, { version: v.number, replacedVersion: previous?.number ?? null, by });
  }

  /**
   * Pending review → rejected, with the reviewer's reason; the live version (if any) keeps serving. The
   * submitter may reject their own submission (a withdrawal: nothing goes live).
   */
  reject(reason: string, now: Date, reviewer: Reviewer): void {
    const text = checkedReason(reason, true)!;
    const v = this.allowed('rejected', now, reviewer.by);
    this.step(v, 'rejected', { reviewedAt: now, reviewedBy: reviewer.by, rejectionReason: text });
    this.emit('rejected', now, { version: v.number, reason: text, by: reviewer.by });
  }

  /**
   * Changes the activity: edits the open draft in place, or — after a publication or a rejection — makes
   * the next version, a draft built on the newest one with the changes applied (PRM-2). A version under
   * review cannot change (reject it first). The kind never changes.
   */
  revise(changes: Partial<ActivityInput>, now: Date, actor: Actor = {}): ActivityVersion {
    const blocked = this.voided
      ? rejectionOf(PROMOTION_ERROR.ACTIVITY_VOIDED, 'the activity is voided')
      : this.latest.status === 'pending_review'
        ? rejectionOf(PROMOTION_ERROR.INVALID_TRANSITION, `version ${this.latest.number} is under review: reject it before revising`, {
            version: this.latest.number,
            from: 'pending_review',
            to: 'draft',
          })
        : null;
    if (blocked) throw toError(blocked);
    const base = this.latest;
    const definition = checkedDefinition(this.id, { ...base.definition, ...defined(changes) });
    if (definition.rule.kind !== this.state.kind) {
      throw invalidField(PROMOTION_ERROR.KIND_CHANGED, 'rule.kind', 'KIND_CHANGED', `a ${this.state.kind} activity stays ${this.state.kind}`, {
        kind: this.state.kind,
      });
    }
    const edited =
      base.status === 'draft'
        ? { ...base, definition, authors: authorsWith(base.authors, actor) }
        : newVersion(base.number + 1, definition, now, authorsWith([], actor));
    const versions = base.status === 'draft' ? [...this.state.versions.slice(0, -1), edited] : [...this.state.versions, edited];
    this.state = checked({ ...this.state, versions });
    this.emit('revised', now, { version: edited.number, by: actor.by ?? null });
    return edited;
  }

  /** 作废: the activity stops serving at once and for good; review steps and revisions end. */
  void(reason: string | undefined, now: Date): void {
    if (this.voided) {
      throw toError(rejectionOf(PROMOTION_ERROR.INVALID_TRANSITION, 'the activity is voided already', { from: 'voided', to: 'voided' }));
    }
    this.state = checked({ ...this.state, voidedAt: now, voidReason: checkedReason(reason, false) });
    this.emit('voided', now, { liveVersion: this.state.liveVersion, reason: this.state.voidReason });
  }

  versionNumbered(n: number): ActivityVersion | null {
    return this.state.versions.find((v) => v.number === n) ?? null;
  }

  toSnapshot(): ActivitySnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }

  /** The newest version, when the table and the guards let it go to `to` now; otherwise their rejection. */
  private allowed(to: ReviewStatus, now: Date, by: string): ActivityVersion {
    const v = this.latest;
    const r = reviewRejection({ voided: this.voided, version: v, now, by }, to);
    if (r) throw r;
    return v;
  }

  private step(v: ActivityVersion, to: ReviewStatus, fields: Partial<ActivityVersion>): void {
    const versions = this.state.versions.map((x) => (x.number === v.number ? { ...x, ...fields, status: to } : x));
    this.state = checked({ ...this.state, versions });
  }

  private emit(what: string, now: Date, payload: Record<string, unknown>): void {
    this.record({ type: `promotion.activity.${what}`, aggregateId: this.id, occurredAt: now, payload: { code: this.state.code, ...payload } });
  }
}

function newVersion(number: number, definition: ActivityDefinition, now: Date, authors: readonly string[]): ActivityVersion {
  return {
    number,
    status: 'draft',
    definition,
    createdAt: now,
    authors,
    submittedAt: null,
    submittedBy: null,
    reviewedAt: null,
    reviewedBy: null,
    approvedAt: null,
    approvedBy: null,
    rejectionReason: null,
  };
}

/** The authors of a version with the actor added (once), when one is named. */
function authorsWith(authors: readonly string[], actor: Actor): readonly string[] {
  const by = actor.by;
  return typeof by === 'string' && by.trim().length > 0 && !authors.includes(by) ? [...authors, by] : authors;
}

function checkedReason(reason: string | undefined, required: boolean): string | null {
  const text = reason?.trim() ?? '';
  if (text.length > 500 || (required && text.length === 0)) {
    throw invalidField(PROMOTION_ERROR.INVALID_SETTINGS, 'reason', 'LENGTH', `a reason has ${required ? 1 : 0} to 500 characters`);
  }
  return text.length === 0 ? null : text;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Invariants of every state: numbering, one open version at most (the newest), one live version at most. */
function checked(s: ActivitySnapshot): ActivitySnapshot {
  const fail = (why: string) => new Error(`activity ${s.id}: ${why}`);
  s.versions.forEach((v, i) => {
    if (v.number !== i + 1) throw fail('versions are numbered 1, 2, …');
    if (v.definition.rule.kind !== s.kind) throw fail('every version keeps the kind');
    if (OPEN_STATUSES.includes(v.status) && i !== s.versions.length - 1) throw fail('only the newest version may be open');
  });
  const published = s.versions.filter((v) => v.status === 'published');
  if (published.length > 1 || (published[0]?.number ?? null) !== s.liveVersion) throw fail('the live version is the one published version');
  return s;
}
