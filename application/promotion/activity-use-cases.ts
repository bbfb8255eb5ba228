import { Activity } from '../../domain/promotion/activity.js';
import type { ActivityInput } from '../../domain/promotion/definition.js';
import type { ReviewStatus, TimeStatus } from '../../domain/promotion/review.js';
import { Money } from '../../domain/shared/money.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { checkBudgetCovers, checkCodeFree, requireActivity, viewsOf, type ActivityView } from './lookups.js';

/** Setup fields as callers give them: the budget as a decimal string ("5000.00") or a Money, null for none. */
export type ActivityFields = Omit<ActivityInput, 'budget'> & { readonly budget?: string | Money | null };

export interface CreateActivityCommand extends ActivityFields {
  /** The staff member who writes it: the version's author (never its approver, decision 0021). */
  readonly by?: string;
}

/** A review step by a named staff member (the token's subject over HTTP): the record and four eyes need it. */
export interface ReviewCommand {
  readonly activityId: string;
  readonly by: string;
}

const budgetOf = (b: string | Money | null | undefined): Money | null | undefined =>
  b === undefined || b === null || b instanceof Money ? b : Money.parse(b);

function input(fields: Partial<ActivityFields>): Partial<ActivityInput> {
  const { budget, ...rest } = fields;
  const parsed = budgetOf(budget);
  return parsed === undefined ? rest : { ...rest, budget: parsed };
}

async function viewOf(tx: Transaction, a: Activity, now: Date): Promise<ActivityView> {
  return (await viewsOf(tx, [a], now))[0]!;
}

async function change(uow: UnitOfWork, clock: Clock, activityId: string, act: (a: Activity, now: Date, tx: Transaction) => Promise<void> | void): Promise<ActivityView> {
  return uow.run(async (tx) => {
    const now = clock.now();
    const a = await requireActivity(tx, activityId);
    await act(a, now, tx);
    await tx.activities.save(a);
    tx.recordEvents(a.pullEvents());
    return viewOf(tx, a, now);
  });
}

/** PRM-2 setup: a new activity, version 1 as a draft, with a generated unique code. */
export class CreateActivity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(cmd: CreateActivityCommand): Promise<ActivityView> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const { by, ...fields } = cmd;
      const a = Activity.create(this.ids.next(), input(fields) as ActivityInput, now, by === undefined ? {} : { by });
      await checkCodeFree(tx, a);
      await tx.activities.save(a);
      tx.recordEvents(a.pullEvents());
      return viewOf(tx, a, now);
    });
  }
}

/** PRM-2: the draft goes to review. */
export class SubmitActivity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: ReviewCommand): Promise<ActivityView> {
    return change(this.uow, this.clock, cmd.activityId, (a, now) => a.submit(now, { by: cmd.by }));
  }
}

/**
 * PRM-2: the version under review is published and serves; the one it replaces is superseded. Four eyes:
 * only by a staff member who neither submitted nor wrote it (`PROMOTION.SELF_APPROVAL`, nothing written).
 */
export class ApproveActivity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: ReviewCommand): Promise<ActivityView> {
    return change(this.uow, this.clock, cmd.activityId, async (a, now, tx) => {
      await checkBudgetCovers(tx, a, a.latest.definition.budget);
      a.approve(now, { by: cmd.by });
    });
  }
}

/** PRM-2: the version under review is rejected with a reason; the live one (if any) keeps serving. */
export class RejectActivity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: ReviewCommand & { readonly reason: string }): Promise<ActivityView> {
    return change(this.uow, this.clock, cmd.activityId, (a, now) => a.reject(cmd.reason, now, { by: cmd.by }));
  }
}

/** 作废: the activity stops serving at once and for good. */
export class VoidActivity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly activityId: string; readonly reason?: string }): Promise<ActivityView> {
    return change(this.uow, this.clock, cmd.activityId, (a, now) => a.void(cmd.reason, now));
  }
}

export type ReviseActivityCommand = Partial<ActivityFields> & {
  readonly activityId: string;
  /** The staff member who writes the change: an author of the version (never its approver). */
  readonly by?: string;
};

/**
 * PRM-2: a new version of a published (or rejected) activity, a draft that goes through review while the
 * live version keeps serving; an open draft is edited in place.
 */
export class ReviseActivity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: ReviseActivityCommand): Promise<ActivityView> {
    const { activityId, by, ...fields } = cmd;
    return change(this.uow, this.clock, activityId, async (a, now, tx) => {
      const v = a.revise(input(fields), now, by === undefined ? {} : { by });
      await checkBudgetCovers(tx, a, v.definition.budget);
    });
  }
}

export class GetActivity {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly activityId: string }): Promise<ActivityView> {
    return this.uow.run(async (tx) => viewOf(tx, await requireActivity(tx, cmd.activityId), this.clock.now()));
  }
}

/** Every activity, newest first, or those of one PRM-2 status now and/or one review status (of the newest version). */
export class ListActivities {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly status?: TimeStatus; readonly reviewStatus?: ReviewStatus } = {}): Promise<ActivityView[]> {
    return this.uow.run(async (tx) => {
      const views = await viewsOf(tx, await tx.activities.all(), this.clock.now());
      return views.filter((v) => (cmd.status === undefined || v.status === cmd.status) && (cmd.reviewStatus === undefined || v.reviewStatus === cmd.reviewStatus));
    });
  }
}

/** Activities serving at `now`: published, inside the window, not voided, budget not used up. */
export async function servingActivities(tx: Transaction, now: Date): Promise<Activity[]> {
  const live = (await tx.activities.published()).filter((a) => a.liveAt(now) !== null);
  const spent = live.length === 0 ? new Map<string, Money>() : await tx.activityBudgets.spent(live.map((a) => a.id));
  return live.filter((a) => {
    const budget = a.live!.definition.budget;
    return budget === null || (spent.get(a.id) ?? Money.zero()).lessThan(budget);
  });
}

export class ActiveActivities {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: { readonly now?: Date } = {}): Promise<ActivityView[]> {
    const now = cmd.now ?? this.clock.now();
    return this.uow.run(async (tx) => viewsOf(tx, await servingActivities(tx, now), now));
  }
}
