import { AggregateRoot } from '../shared/domain-event.js';
import { DomainError } from '../shared/domain-error.js';
import { checkSort } from './category.js';

/**
 * What a front category (前台类目) shows (CAT-2): products of back-end categories (many-to-many), of a
 * leaf category with a given attribute value, of brands, or listed products.
 */
export type FrontCategoryMapping =
  | { readonly kind: 'category'; readonly categoryId: string }
  | { readonly kind: 'attribute'; readonly categoryId: string; readonly attributeId: string; readonly value: string }
  | { readonly kind: 'brand'; readonly brandId: string }
  | { readonly kind: 'spu'; readonly spuId: string };

export interface FrontCategorySnapshot {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly sort: number;
  readonly visible: boolean;
  /** Optional schedule: shown only inside [visibleFrom, visibleUntil). */
  readonly visibleFrom: Date | null;
  readonly visibleUntil: Date | null;
  readonly mappings: readonly FrontCategoryMapping[];
  readonly version: number;
}

export type FrontCategoryFields = Partial<Omit<FrontCategorySnapshot, 'id' | 'version'>> & { readonly name: string };

/** A shopper-facing category: edited, hidden, deleted and scheduled freely (CAT-2). */
export class FrontCategory extends AggregateRoot {
  private constructor(private state: FrontCategorySnapshot) {
    super();
  }

  static create(id: string, fields: FrontCategoryFields): FrontCategory {
    return new FrontCategory(
      checked({
        id,
        name: fields.name,
        parentId: fields.parentId ?? null,
        sort: fields.sort ?? 0,
        visible: fields.visible ?? true,
        visibleFrom: fields.visibleFrom ?? null,
        visibleUntil: fields.visibleUntil ?? null,
        mappings: fields.mappings ?? [],
        version: 0,
      }),
    );
  }

  static restore(snapshot: FrontCategorySnapshot): FrontCategory {
    return new FrontCategory(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get mappings(): readonly FrontCategoryMapping[] {
    return this.state.mappings;
  }
  get version(): number {
    return this.state.version;
  }

  update(fields: Partial<FrontCategoryFields>): void {
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    this.state = checked({ ...this.state, ...defined });
  }

  isShownAt(now: Date): boolean {
    const s = this.state;
    return s.visible && (!s.visibleFrom || s.visibleFrom <= now) && (!s.visibleUntil || now < s.visibleUntil);
  }

  toSnapshot(): FrontCategorySnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }
}

function checked(s: FrontCategorySnapshot): FrontCategorySnapshot {
  const name = s.name.trim();
  if (name.length === 0 || name.length > 60) {
    throw DomainError.invalid('CATALOG.INVALID_NAME', 'a name has 1 to 60 characters');
  }
  if (s.parentId === s.id) {
    throw DomainError.invalid('CATALOG.INVALID_PARENT', 'a front category cannot be its own parent');
  }
  if (s.visibleFrom && s.visibleUntil && s.visibleUntil <= s.visibleFrom) {
    throw DomainError.invalid('CATALOG.INVALID_SCHEDULE', 'visibleUntil must come after visibleFrom');
  }
  return { ...s, name, sort: checkSort(s.sort) };
}
