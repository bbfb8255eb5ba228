import { AggregateRoot } from '../shared/domain-event.js';
import { DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { stateMachine, type Transitions } from '../shared/state-machine.js';
import { CATALOG_ERROR } from './errors.js';
import type { NewComboSpu, NewSpu, NewSpuBase, SkuSnapshot, SpuSnapshot, SpuStatus, Tag } from './spu-snapshot.js';
import { checkNonSalesAttributes, checkSalesAttributes, checkSpu, combinations, MAX_SKUS, sameSpecs } from './spu-rules.js';

export * from './spu-snapshot.js';
export { combinations } from './spu-rules.js';

/** Listing (上下架) status changes allowed; the table is data so docs can draw it (docs/contexts/catalog.md). */
export const SPU_TRANSITIONS = {
  draft: ['listed'],
  listed: ['unlisted'],
  unlisted: ['listed'],
} as const satisfies Transitions<SpuStatus>;

/** CAT-3: every listing move goes through it; one the table does not allow is CATALOG.INVALID_STATUS_CHANGE (409, `from`, `to`). */
const LISTING = stateMachine(SPU_TRANSITIONS, CATALOG_ERROR.INVALID_STATUS_CHANGE, (from, to) => `a ${from} product cannot become ${to}`);

/**
 * A standard product (SPU) and its SKUs. The SKUs are every combination of the sales attribute
 * values (销售属性); required key attributes must be filled. A combo SPU has one SKU made of other
 * SKUs × quantities.
 */
export class Spu extends AggregateRoot {
  private constructor(private state: SpuSnapshot) {
    super();
  }

  static create(input: NewSpu): Spu {
    const { category } = input;
    checkNonSalesAttributes(category, input.attributes);
    const sales = checkSalesAttributes(category, input.salesAttributes);
    const combos = combinations(sales);
    if (combos.length > MAX_SKUS) {
      throw DomainError.invalid('CATALOG.TOO_MANY_SKUS', `sales attributes make ${combos.length} SKUs; at most ${MAX_SKUS}`);
    }
    const drafts = input.skus ?? [];
    if (drafts.some((d, i) => drafts.findIndex((o) => sameSpecs(o.specs, d.specs)) !== i)) {
      throw DomainError.invalid('CATALOG.DUPLICATE_SKU_SPECS', 'two SKU entries name the same combination of sales attribute values');
    }
    for (const d of drafts) {
      if (!combos.some((c) => sameSpecs(c, d.specs))) {
        throw DomainError.invalid('CATALOG.UNKNOWN_SKU_SPECS', 'SKU specs are not a combination of the sales attributes', {
          specs: d.specs,
        });
      }
    }
    const skus = combos.map((specs, i): SkuSnapshot => {
      const draft = drafts.find((d) => sameSpecs(d.specs, specs));
      const salePrice = draft?.salePrice ?? input.salePrice;
      if (!salePrice) {
        throw DomainError.invalid('CATALOG.PRICE_REQUIRED', 'every SKU needs a sale price', { specs });
      }
      return {
        id: input.skuIds(),
        code: draft?.code ?? `${input.code}-${String(i + 1).padStart(2, '0')}`,
        specs,
        salePrice,
        marketPrice: draft?.marketPrice !== undefined ? draft.marketPrice : (input.marketPrice ?? null),
        components: [],
      };
    });
    return Spu.born(input, { kind: 'standard', salesAttributes: sales, skus });
  }

  /** A combo SKU: components must be other, plain SKUs (the use case checks they exist), ≥ 2 units in all. */
  static createCombo(input: NewComboSpu): Spu {
    checkNonSalesAttributes(input.category, input.attributes);
    const units = input.components.reduce((n, c) => n + c.quantity, 0);
    const ids = new Set(input.components.map((c) => c.skuId));
    if (units < 2 || ids.size !== input.components.length || input.components.some((c) => !Number.isSafeInteger(c.quantity) || c.quantity < 1)) {
      throw DomainError.invalid('CATALOG.INVALID_COMBO', 'a combo lists distinct SKUs with whole quantities, at least 2 units in all');
    }
    const sku: SkuSnapshot = {
      id: input.skuId,
      code: input.skuCode ?? `${input.code}-01`,
      specs: {},
      salePrice: input.salePrice,
      marketPrice: input.marketPrice ?? null,
      components: input.components.map((c) => ({ ...c })),
    };
    return Spu.born(input, { kind: 'combo', salesAttributes: [], skus: [sku] });
  }

  /** A new product, a draft: checked, and its `catalog.spu.created` recorded. */
  private static born(input: NewSpuBase, made: Pick<SpuSnapshot, 'kind' | 'salesAttributes' | 'skus'>): Spu {
    const state: SpuSnapshot = {
      id: input.id,
      code: input.code,
      title: input.title,
      description: input.description ?? '',
      categoryId: input.category.id,
      categoryPath: input.category.path,
      brandId: input.brandId,
      kind: made.kind,
      attributes: input.attributes,
      salesAttributes: made.salesAttributes,
      skus: made.skus,
      tags: input.tags ?? [],
      status: 'draft',
      listAt: null,
      unlistAt: null,
      createdAt: input.now,
      updatedAt: input.now,
      version: 0,
    };
    const spu = new Spu(checkSpu(state));
    spu.record({
      type: 'catalog.spu.created',
      aggregateId: state.id,
      occurredAt: state.createdAt,
      payload: { code: state.code, categoryId: state.categoryId, skuIds: state.skus.map((s) => s.id) },
    });
    return spu;
  }

  static restore(snapshot: SpuSnapshot): Spu {
    return new Spu(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get status(): SpuStatus {
    return this.state.status;
  }
  get skus(): readonly SkuSnapshot[] {
    return this.state.skus;
  }
  get version(): number {
    return this.state.version;
  }

  /** The "platform price" shown in lists: the lowest SKU sale price. */
  get platformPrice(): Money {
    return this.state.skus.map((s) => s.salePrice).reduce((a, b) => Money.min(a, b));
  }

  update(fields: { title?: string; description?: string; tags?: readonly Tag[] }, now: Date): void {
    this.change({ ...defined(fields) }, now);
  }

  changePrice(skuId: string, prices: { salePrice?: Money; marketPrice?: Money | null }, now: Date): void {
    const sku = this.state.skus.find((s) => s.id === skuId);
    if (!sku) throw DomainError.notFound('CATALOG.SKU_NOT_FOUND', `no SKU ${skuId} in this product`, { skuId });
    const next: SkuSnapshot = {
      ...sku,
      salePrice: prices.salePrice ?? sku.salePrice,
      marketPrice: prices.marketPrice !== undefined ? prices.marketPrice : sku.marketPrice,
    };
    this.change({ skus: this.state.skus.map((s) => (s.id === skuId ? next : s)) }, now);
    this.record({
      type: 'catalog.sku.price-changed',
      aggregateId: this.id,
      occurredAt: now,
      payload: { skuId, salePrice: next.salePrice.toString(), previous: sku.salePrice.toString() },
    });
  }

  /**
   * 上架 now. Clears a pending listing schedule, and an unlisting that was due but not yet applied
   * (the scheduler ran late): the manual action comes after it and supersedes it.
   */
  list(now: Date): void {
    this.transition('listed', now);
    this.change({ listAt: null, unlistAt: notYetDue(this.state.unlistAt, now) }, now);
  }

  /** 下架 now. Clears a pending unlisting schedule, and a listing that was due but not yet applied. */
  unlist(now: Date): void {
    this.transition('unlisted', now);
    this.change({ unlistAt: null, listAt: notYetDue(this.state.listAt, now) }, now);
  }

  /** Scheduled listing and unlisting (CAT-3): either time may be null to cancel; both in the future. */
  schedule(times: { listAt?: Date | null; unlistAt?: Date | null }, now: Date): void {
    const listAt = times.listAt !== undefined ? times.listAt : this.state.listAt;
    const unlistAt = times.unlistAt !== undefined ? times.unlistAt : this.state.unlistAt;
    for (const t of [times.listAt, times.unlistAt]) {
      if (t && t <= now) {
        throw DomainError.invalid('CATALOG.SCHEDULE_IN_PAST', 'a scheduled time must lie in the future');
      }
    }
    if (listAt && unlistAt && unlistAt <= listAt) {
      throw DomainError.invalid('CATALOG.INVALID_SCHEDULE', 'unlisting must come after listing');
    }
    this.change({ listAt, unlistAt }, now);
  }

  /** Applies the schedule entries that are due; returns whether anything changed. */
  applyDueSchedule(now: Date): boolean {
    const { listAt, unlistAt } = this.state;
    let changed = false;
    if (listAt && listAt <= now) {
      if (this.status !== 'listed') this.transition('listed', now);
      this.change({ listAt: null }, now);
      changed = true;
    }
    if (unlistAt && unlistAt <= now) {
      if (this.status === 'listed') this.transition('unlisted', now);
      this.change({ unlistAt: null }, now);
      changed = true;
    }
    return changed;
  }

  toSnapshot(): SpuSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }

  private transition(to: SpuStatus, now: Date): void {
    LISTING.assert(this.state.status, to);
    this.state = { ...this.state, status: to };
    this.record({
      type: to === 'listed' ? 'catalog.spu.listed' : 'catalog.spu.unlisted',
      aggregateId: this.id,
      occurredAt: now,
      payload: {},
    });
  }

  private change(fields: Partial<SpuSnapshot>, now: Date): void {
    this.state = checkSpu({ ...this.state, ...fields, updatedAt: now });
  }
}

/** The schedule time if it still lies after `now`; null if it is due (or absent). */
function notYetDue(t: Date | null, now: Date): Date | null {
  return t && t > now ? t : null;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
