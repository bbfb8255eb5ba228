import { AggregateRoot } from '../shared/domain-event.js';
import { DomainError } from '../shared/domain-error.js';
import { wholeNumber } from '../shared/integers.js';
import { validateAttributeTemplate, type AttributeTemplate } from './attribute.js';

/** CAT-1: the back-end category tree has at most this many levels. */
export const MAX_CATEGORY_DEPTH = 4;

export interface CategorySnapshot {
  readonly id: string;
  readonly name: string;
  readonly parentId: string | null;
  /** Ids from the root down to this category, itself included: descendant queries are prefix matches. */
  readonly path: readonly string[];
  readonly sort: number;
  readonly attributes: readonly AttributeTemplate[];
  readonly version: number;
}

/**
 * A back-end category (后台类目). Products hang only on leaves; a category that holds products cannot
 * get children or be deleted (CAT-1). Leaf-ness depends on other categories, so the use case passes
 * what it found (`hasChildren`, `productCount`) to the policies below.
 */
export class Category extends AggregateRoot {
  private constructor(private state: CategorySnapshot) {
    super();
  }

  static create(input: { id: string; name: string; parent: Category | null; parentProductCount: number; sort?: number; now: Date }): Category {
    const { parent } = input;
    if (parent) {
      assertCanHaveChild(parent, input.parentProductCount);
    }
    const category = new Category({
      id: input.id,
      name: checkName(input.name),
      parentId: parent?.id ?? null,
      path: [...(parent?.path ?? []), input.id],
      sort: checkSort(input.sort ?? 0),
      attributes: [],
      version: 0,
    });
    category.record({
      type: 'catalog.category.created',
      aggregateId: input.id,
      occurredAt: input.now,
      payload: { name: category.name, parentId: category.parentId },
    });
    return category;
  }

  static restore(snapshot: CategorySnapshot): Category {
    return new Category(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get name(): string {
    return this.state.name;
  }
  get parentId(): string | null {
    return this.state.parentId;
  }
  get path(): readonly string[] {
    return this.state.path;
  }
  get level(): number {
    return this.state.path.length;
  }
  get attributes(): readonly AttributeTemplate[] {
    return this.state.attributes;
  }
  get version(): number {
    return this.state.version;
  }

  attribute(id: string): AttributeTemplate | undefined {
    return this.state.attributes.find((a) => a.id === id);
  }

  rename(name: string, sort?: number): void {
    this.state = { ...this.state, name: checkName(name), sort: sort === undefined ? this.state.sort : checkSort(sort) };
  }

  /** Replaces the attribute templates. Only leaves carry attributes (they describe the products there). */
  defineAttributes(attributes: readonly AttributeTemplate[], hasChildren: boolean): void {
    if (hasChildren) {
      throw DomainError.invalid('CATALOG.CATEGORY_NOT_LEAF', 'attributes belong on leaf categories', { categoryId: this.id });
    }
    const checked = attributes.map(validateAttributeTemplate);
    const ids = new Set(checked.map((a) => a.id));
    const names = new Set(checked.map((a) => a.name));
    if (ids.size !== checked.length || names.size !== checked.length) {
      throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE', 'attribute ids and names are unique within a category', {
        categoryId: this.id,
      });
    }
    this.state = { ...this.state, attributes: checked };
  }

  toSnapshot(): CategorySnapshot {
    return this.state;
  }

  /** Called by repositories after a successful save (optimistic concurrency). */
  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }
}

/** A sort key is a whole number as stored (int32): CATALOG.INVALID_SORT otherwise. Shared with front categories. */
export const checkSort = (sort: unknown): number => wholeNumber(sort, 'CATALOG.INVALID_SORT', 'sort');

/** CAT-1: depth is capped; a category holding products or attribute templates cannot become a parent. */
export function assertCanHaveChild(parent: Category, parentProductCount: number): void {
  if (parent.level >= MAX_CATEGORY_DEPTH) {
    throw DomainError.invalid('CATALOG.CATEGORY_TOO_DEEP', `the category tree has at most ${MAX_CATEGORY_DEPTH} levels`, {
      parentId: parent.id,
    });
  }
  if (parentProductCount > 0) {
    throw DomainError.conflict('CATALOG.CATEGORY_HAS_PRODUCTS', 'a category that holds products cannot get children', {
      categoryId: parent.id,
      productCount: parentProductCount,
    });
  }
  if (parent.attributes.length > 0) {
    throw DomainError.conflict('CATALOG.CATEGORY_HAS_ATTRIBUTES', 'attributes belong on leaves: remove them before adding a child', {
      categoryId: parent.id,
    });
  }
}

/** CAT-1: products hang only on leaves. */
export function assertCanHoldProducts(category: Category, hasChildren: boolean): void {
  if (hasChildren) {
    throw DomainError.invalid('CATALOG.CATEGORY_NOT_LEAF', 'products hang only on leaf categories', {
      categoryId: category.id,
    });
  }
}

/** CAT-1: a category with products (or with children) cannot be deleted. */
export function assertDeletable(category: Category, hasChildren: boolean, productCount: number): void {
  if (productCount > 0) {
    throw DomainError.conflict('CATALOG.CATEGORY_HAS_PRODUCTS', 'a category that holds products cannot be deleted', {
      categoryId: category.id,
      productCount,
    });
  }
  if (hasChildren) {
    throw DomainError.conflict('CATALOG.CATEGORY_HAS_CHILDREN', 'delete the child categories first', {
      categoryId: category.id,
    });
  }
}

function checkName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 60) {
    throw DomainError.invalid('CATALOG.INVALID_NAME', 'a name has 1 to 60 characters');
  }
  return n;
}
