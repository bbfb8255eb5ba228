import { AggregateRoot } from '../shared/domain-event.js';
import { DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { checkAttributeValues } from './attribute.js';
import type { Category } from './category.js';

export const SPU_STATUSES = ['draft', 'listed', 'unlisted'] as const;
export type SpuStatus = (typeof SPU_STATUSES)[number];

export const TAG_KINDS = ['activity', 'service', 'performance'] as const;
export type TagKind = (typeof TAG_KINDS)[number];
export interface Tag {
  readonly kind: TagKind;
  readonly name: string;
}

/** Listing (上下架) status changes allowed; the table is data so docs can draw it. */
export const SPU_TRANSITIONS = {
  draft: ['listed'],
  listed: ['unlisted'],
  unlisted: ['listed'],
} as const satisfies Record<SpuStatus, readonly SpuStatus[]>;

export interface ComboComponent {
  readonly skuId: string;
  readonly quantity: number;
}

export interface SkuSnapshot {
  readonly id: string;
  readonly code: string;
  /** Sales attribute id → chosen option; empty for a SPU without sales attributes. */
  readonly specs: Readonly<Record<string, string>>;
  readonly salePrice: Money;
  readonly marketPrice: Money | null;
  /** Components of a combo SKU (组合SKU); empty for a plain SKU. */
  readonly components: readonly ComboComponent[];
}

export interface SalesAttributeValues {
  readonly attributeId: string;
  readonly values: readonly string[];
}

export interface SpuSnapshot {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly categoryId: string;
  /** Ids from the category root to the leaf: search by category includes descendants. */
  readonly categoryPath: readonly string[];
  readonly brandId: string | null;
  readonly kind: 'standard' | 'combo';
  /** Key, product and other attribute values by attribute id. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly salesAttributes: readonly SalesAttributeValues[];
  readonly skus: readonly SkuSnapshot[];
  readonly tags: readonly Tag[];
  readonly status: SpuStatus;
  readonly listAt: Date | null;
  readonly unlistAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/** Prices given for one combination of sales attribute values (or the SPU's defaults). */
export interface SkuDraft {
  readonly specs: Readonly<Record<string, string>>;
  readonly code?: string;
  readonly salePrice?: Money;
  readonly marketPrice?: Money | null;
}

export interface NewSpu {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly description?: string;
  readonly category: Category;
  readonly brandId: string | null;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly salesAttributes: readonly SalesAttributeValues[];
  readonly salePrice?: Money;
  readonly marketPrice?: Money | null;
  readonly skus?: readonly SkuDraft[];
  readonly tags?: readonly Tag[];
  /** Makes one id per generated SKU, in generation order. */
  readonly skuIds: () => string;
  readonly now: Date;
}

export interface NewComboSpu {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly description?: string;
  readonly category: Category;
  readonly brandId: string | null;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  readonly skuId: string;
  readonly skuCode?: string;
  readonly salePrice: Money;
  readonly marketPrice?: Money | null;
  readonly components: readonly ComboComponent[];
  readonly tags?: readonly Tag[];
  readonly now: Date;
}

const MAX_PRICE = Money.of('99999999.99');
const MAX_SKUS = 600;

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
    return Spu.born({
      id: input.id,
      code: input.code,
      title: input.title,
      description: input.description ?? '',
      categoryId: category.id,
      categoryPath: category.path,
      brandId: input.brandId,
      kind: 'standard',
      attributes: input.attributes,
      salesAttributes: sales,
      skus,
      tags: input.tags ?? [],
      status: 'draft',
      listAt: null,
      unlistAt: null,
      createdAt: input.now,
      updatedAt: input.now,
      version: 0,
    });
  }

  /** A combo SKU: components must be other, plain SKUs (the use case checks they exist), ≥ 2 units in all. */
  static createCombo(input: NewComboSpu): Spu {
    checkNonSalesAttributes(input.category, input.attributes);
    const units = input.components.reduce((n, c) => n + c.quantity, 0);
    const ids = new Set(input.components.map((c) => c.skuId));
    if (units < 2 || ids.size !== input.components.length || input.components.some((c) => !Number.isSafeInteger(c.quantity) || c.quantity < 1)) {
      throw DomainError.invalid('CATALOG.INVALID_COMBO', 'a combo lists distinct SKUs with whole quantities, at least 2 units in all');
    }
    return Spu.born({
      id: input.id,
      code: input.code,
      title: input.title,
      description: input.description ?? '',
      categoryId: input.category.id,
      categoryPath: input.category.path,
      brandId: input.brandId,
      kind: 'combo',
      attributes: input.attributes,
      salesAttributes: [],
      skus: [
        {
          id: input.skuId,
          code: input.skuCode ?? `${input.code}-01`,
          specs: {},
          salePrice: input.salePrice,
          marketPrice: input.marketPrice ?? null,
          components: input.components.map((c) => ({ ...c })),
        },
      ],
      tags: input.tags ?? [],
      status: 'draft',
      listAt: null,
      unlistAt: null,
      createdAt: input.now,
      updatedAt: input.now,
      version: 0,
    });
  }

  private static born(state: SpuSnapshot): Spu {
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
    const allowed: readonly SpuStatus[] = SPU_TRANSITIONS[this.state.status];
    if (!allowed.includes(to)) {
      throw DomainError.conflict('CATALOG.INVALID_STATUS_CHANGE', `a ${this.state.status} product cannot become ${to}`, {
        from: this.state.status,
        to,
      });
    }
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

/** Invariants of every SPU state: a title, SKU codes unique, prices positive, whole cents, market ≥ sale. */
function checkSpu(s: SpuSnapshot): SpuSnapshot {
  const title = s.title.trim();
  if (title.length === 0 || title.length > 200) {
    throw DomainError.invalid('CATALOG.INVALID_TITLE', 'a title has 1 to 200 characters');
  }
  // 60 characters leave room for the generated SKU codes (`<code>-NN`, at most 64).
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/.test(s.code)) {
    throw DomainError.invalid('CATALOG.INVALID_CODE', `not a product code: ${JSON.stringify(s.code)}`);
  }
  const codes = s.skus.map((k) => k.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup !== undefined) {
    throw DomainError.conflict('CATALOG.DUPLICATE_SKU_CODE', `SKU code ${dup} appears twice`, { codes: [dup] });
  }
  for (const sku of s.skus) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(sku.code)) {
      throw DomainError.invalid('CATALOG.INVALID_CODE', `not a SKU code: ${JSON.stringify(sku.code)}`);
    }
    checkPrice(sku.salePrice, 'sale price');
    if (sku.marketPrice) {
      checkPrice(sku.marketPrice, 'market price');
      if (sku.marketPrice.lessThan(sku.salePrice)) {
        throw DomainError.invalid('CATALOG.MARKET_PRICE_BELOW_SALE_PRICE', 'the market price cannot be below the sale price', {
          skuCode: sku.code,
        });
      }
    }
  }
  const tags = new Set(s.tags.map((t) => `${t.kind}:${t.name}`));
  if (tags.size !== s.tags.length || s.tags.some((t) => t.name.trim().length === 0 || t.name.length > 30)) {
    throw DomainError.invalid('CATALOG.INVALID_TAG', 'tags are unique and have 1 to 30 characters');
  }
  return { ...s, title };
}

function checkPrice(p: Money, what: string): void {
  if (!p.isPositive() || !p.isWholeMinorUnits() || p.greaterThan(MAX_PRICE)) {
    throw DomainError.invalid('CATALOG.INVALID_PRICE', `the ${what} is a positive amount in whole cents up to ${MAX_PRICE}`, {
      price: p.toString(),
    });
  }
}

function checkNonSalesAttributes(category: Category, values: Readonly<Record<string, readonly string[]>>): void {
  for (const id of Object.keys(values)) {
    const a = category.attribute(id);
    if (!a || a.kind === 'sales') {
      throw DomainError.invalid('CATALOG.UNKNOWN_ATTRIBUTE', `category ${category.id} has no attribute ${id} for product values`, {
        attributeId: id,
      });
    }
  }
  for (const a of category.attributes) {
    if (a.kind !== 'sales') checkAttributeValues(a, values[a.id]);
  }
}

function checkSalesAttributes(category: Category, given: readonly SalesAttributeValues[]): SalesAttributeValues[] {
  const out: SalesAttributeValues[] = [];
  for (const g of given) {
    const a = category.attribute(g.attributeId);
    if (!a || a.kind !== 'sales') {
      throw DomainError.invalid('CATALOG.UNKNOWN_ATTRIBUTE', `category ${category.id} has no sales attribute ${g.attributeId}`, {
        attributeId: g.attributeId,
      });
    }
    if (g.values.length === 0 || new Set(g.values).size !== g.values.length) {
      throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE_VALUE', `sales attribute "${a.name}" needs distinct values`, {
        attributeId: a.id,
      });
    }
    checkAttributeValues({ ...a, input: 'multi' }, g.values);
    out.push({ attributeId: a.id, values: [...g.values] });
  }
  if (new Set(out.map((o) => o.attributeId)).size !== out.length) {
    throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE_VALUE', 'a sales attribute is given twice');
  }
  const missing = category.attributes.filter((a) => a.kind === 'sales' && a.required && !out.some((o) => o.attributeId === a.id));
  if (missing.length > 0) {
    throw DomainError.invalid('CATALOG.REQUIRED_ATTRIBUTE_MISSING', `sales attribute "${missing[0]!.name}" is required`, {
      attributeId: missing[0]!.id,
    });
  }
  return out;
}

/** Every combination of the sales attribute values, in the order given (the first varies slowest). */
export function combinations(sales: readonly SalesAttributeValues[]): Record<string, string>[] {
  return sales.reduce<Record<string, string>[]>(
    (acc, attr) => acc.flatMap((specs) => attr.values.map((v) => ({ ...specs, [attr.attributeId]: v }))),
    [{}],
  );
}

function sameSpecs(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
