import { AggregateRoot } from '../shared/domain-event.js';
import { DomainError } from '../shared/domain-error.js';

export const BRAND_STATUSES = ['enabled', 'disabled'] as const;
export type BrandStatus = (typeof BRAND_STATUSES)[number];

export interface BrandSnapshot {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string | null;
  readonly logoUrl: string | null;
  readonly origin: string | null;
  readonly status: BrandStatus;
  /** Categories the brand is linked to (1–1, 1–n, n–1); empty means any category. */
  readonly categoryIds: readonly string[];
  readonly version: number;
}

export interface BrandFields {
  readonly nameZh: string;
  readonly nameEn?: string | null;
  readonly logoUrl?: string | null;
  readonly origin?: string | null;
  readonly status?: BrandStatus;
  readonly categoryIds?: readonly string[];
}

/** A brand (品牌), linked to the categories whose products may carry it. */
export class Brand extends AggregateRoot {
  private constructor(private state: BrandSnapshot) {
    super();
  }

  static create(id: string, fields: BrandFields): Brand {
    return new Brand(checked({ id, version: 0, ...defaults(fields) }));
  }

  static restore(snapshot: BrandSnapshot): Brand {
    return new Brand(snapshot);
  }

  get id(): string {
    return this.state.id;
  }
  get status(): BrandStatus {
    return this.state.status;
  }
  get categoryIds(): readonly string[] {
    return this.state.categoryIds;
  }
  get version(): number {
    return this.state.version;
  }

  update(fields: Partial<BrandFields>): void {
    this.state = checked({ ...this.state, ...stripUndefined(fields) });
  }

  /**
   * Whether a product of a category with the given path may carry this brand: the brand is linked to
   * the category or one of its ancestors, or to no category at all.
   */
  allowsCategoryPath(path: readonly string[]): boolean {
    return this.state.categoryIds.length === 0 || this.state.categoryIds.some((id) => path.includes(id));
  }

  toSnapshot(): BrandSnapshot {
    return this.state;
  }

  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }
}

function defaults(f: BrandFields): Omit<BrandSnapshot, 'id' | 'version'> {
  return {
    nameZh: f.nameZh,
    nameEn: f.nameEn ?? null,
    logoUrl: f.logoUrl ?? null,
    origin: f.origin ?? null,
    status: f.status ?? 'enabled',
    categoryIds: f.categoryIds ?? [],
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checked(s: BrandSnapshot): BrandSnapshot {
  const nameZh = s.nameZh.trim();
  if (nameZh.length === 0 || nameZh.length > 60) {
    throw DomainError.invalid('CATALOG.INVALID_NAME', 'a brand name has 1 to 60 characters');
  }
  return { ...s, nameZh, categoryIds: [...new Set(s.categoryIds)] };
}
