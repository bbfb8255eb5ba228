import type { Category } from '../../domain/catalog/category.js';
import { assertCanHoldProducts } from '../../domain/catalog/category.js';
import { Spu, type ComboComponent, type SalesAttributeValues, type SpuSnapshot, type Tag } from '../../domain/catalog/spu.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { Money } from '../../domain/shared/money.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { Transaction, UnitOfWork } from '../shared/unit-of-work.js';
import { requireBrand, requireCategory, requireSpu } from './lookups.js';

interface SpuBase {
  readonly code?: string;
  readonly title: string;
  readonly description?: string;
  readonly categoryId: string;
  readonly brandId?: string | null;
  /** Key, product and other attribute values by attribute id. */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  readonly tags?: readonly Tag[];
}

export interface CreateSpuCommand extends SpuBase {
  readonly salesAttributes?: readonly SalesAttributeValues[];
  /** Default prices for every generated SKU, as decimal strings ("199.00"). */
  readonly salePrice?: string;
  readonly marketPrice?: string | null;
  /** Codes and prices for particular combinations of sales attribute values. */
  readonly skus?: readonly { specs: Record<string, string>; code?: string; salePrice?: string; marketPrice?: string | null }[];
}

export interface CreateComboSpuCommand extends SpuBase {
  readonly skuCode?: string;
  readonly salePrice: string;
  readonly marketPrice?: string | null;
  readonly components: readonly ComboComponent[];
}

const price = (p: string | undefined): Money | undefined => (p === undefined ? undefined : Money.parse(p));
const optionalPrice = (p: string | null | undefined): Money | null | undefined => (p === null ? null : price(p));

/** Where a new product may hang and which brand it may carry (CAT-1, brand–category links). */
async function placement(tx: Transaction, cmd: SpuBase): Promise<{ category: Category; brandId: string | null }> {
  const category = await requireCategory(tx, cmd.categoryId);
  assertCanHoldProducts(category, await tx.categories.hasChildren(category.id));
  if (!cmd.brandId) return { category, brandId: null };
  const brand = await requireBrand(tx, cmd.brandId);
  if (brand.status !== 'enabled' || !brand.allowsCategoryPath(category.path)) {
    throw DomainError.invalid('CATALOG.BRAND_NOT_ALLOWED', `brand ${brand.id} is disabled or not linked to category ${category.id}`, {
      brandId: brand.id,
      categoryId: category.id,
    });
  }
  return { category, brandId: brand.id };
}

async function assertCodesFree(tx: Transaction, spu: Spu): Promise<void> {
  if (await tx.spus.codeTaken(spu.toSnapshot().code)) {
    throw DomainError.conflict('CATALOG.DUPLICATE_SPU_CODE', `product code ${spu.toSnapshot().code} is taken`);
  }
  const taken = await tx.spus.takenSkuCodes(spu.skus.map((s) => s.code), spu.id);
  if (taken.length > 0) {
    throw DomainError.conflict('CATALOG.DUPLICATE_SKU_CODE', `SKU code ${taken.join(', ')} is taken`, { codes: taken });
  }
}

/** Creates a product and generates its SKUs: every combination of the sales attribute values. */
export class CreateSpu {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(cmd: CreateSpuCommand): Promise<SpuSnapshot> {
    return this.uow.run(async (tx) => {
      const { category, brandId } = await placement(tx, cmd);
      const id = this.ids.next();
      const spu = Spu.create({
        id,
        code: cmd.code ?? defaultCode(id),
        title: cmd.title,
        description: cmd.description,
        category,
        brandId,
        attributes: cmd.attributes ?? {},
        salesAttributes: cmd.salesAttributes ?? [],
        salePrice: price(cmd.salePrice),
        marketPrice: optionalPrice(cmd.marketPrice),
        skus: (cmd.skus ?? []).map((s) => ({
          specs: s.specs,
          code: s.code,
          salePrice: price(s.salePrice),
          marketPrice: optionalPrice(s.marketPrice),
        })),
        tags: cmd.tags,
        skuIds: () => this.ids.next(),
        now: this.clock.now(),
      });
      await assertCodesFree(tx, spu);
      await tx.spus.save(spu);
      tx.recordEvents(spu.pullEvents());
      return spu.toSnapshot();
    });
  }
}

/** Creates a combo product whose one SKU bundles existing plain SKUs × quantities. */
export class CreateComboSpu {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(cmd: CreateComboSpuCommand): Promise<SpuSnapshot> {
    return this.uow.run(async (tx) => {
      const { category, brandId } = await placement(tx, cmd);
      const found = await tx.spus.findSkus(cmd.components.map((c) => c.skuId));
      const bad = cmd.components.filter((c) => !found.some((f) => f.skuId === c.skuId && f.kind === 'standard'));
      if (bad.length > 0) {
        throw DomainError.invalid('CATALOG.INVALID_COMBO', 'combo components must be existing plain SKUs', {
          skuIds: bad.map((b) => b.skuId),
        });
      }
      const id = this.ids.next();
      const spu = Spu.createCombo({
        id,
        code: cmd.code ?? defaultCode(id),
        title: cmd.title,
        description: cmd.description,
        category,
        brandId,
        attributes: cmd.attributes ?? {},
        skuId: this.ids.next(),
        skuCode: cmd.skuCode,
        salePrice: Money.parse(cmd.salePrice),
        marketPrice: optionalPrice(cmd.marketPrice),
        components: cmd.components,
        tags: cmd.tags,
        now: this.clock.now(),
      });
      await assertCodesFree(tx, spu);
      await tx.spus.save(spu);
      tx.recordEvents(spu.pullEvents());
      return spu.toSnapshot();
    });
  }
}

export interface UpdateSpuCommand {
  readonly spuId: string;
  readonly title?: string;
  readonly description?: string;
  readonly tags?: readonly Tag[];
}

export class UpdateSpu {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: UpdateSpuCommand): Promise<SpuSnapshot> {
    return this.uow.run(async (tx) => {
      const spu = await requireSpu(tx, cmd.spuId);
      spu.update({ title: cmd.title, description: cmd.description, tags: cmd.tags }, this.clock.now());
      await tx.spus.save(spu);
      tx.recordEvents(spu.pullEvents());
      return spu.toSnapshot();
    });
  }
}

export interface ChangeSkuPriceCommand {
  readonly spuId: string;
  readonly skuId: string;
  readonly salePrice?: string;
  readonly marketPrice?: string | null;
}

export class ChangeSkuPrice {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: ChangeSkuPriceCommand): Promise<SpuSnapshot> {
    return this.uow.run(async (tx) => {
      const spu = await requireSpu(tx, cmd.spuId);
      spu.changePrice(cmd.skuId, { salePrice: price(cmd.salePrice), marketPrice: optionalPrice(cmd.marketPrice) }, this.clock.now());
      await tx.spus.save(spu);
      tx.recordEvents(spu.pullEvents());
      return spu.toSnapshot();
    });
  }
}

export interface ChangeListingCommand {
  readonly spuId: string;
  /** `list` and `unlist` act now; `schedule` sets (or with null clears) future times. */
  readonly action: 'list' | 'unlist' | 'schedule';
  readonly listAt?: Date | null;
  readonly unlistAt?: Date | null;
}

/** 上下架: list or unlist now, or schedule either (CAT-3). */
export class ChangeListing {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(cmd: ChangeListingCommand): Promise<SpuSnapshot> {
    return this.uow.run(async (tx) => {
      const spu = await requireSpu(tx, cmd.spuId);
      const now = this.clock.now();
      if (cmd.action === 'list') spu.list(now);
      else if (cmd.action === 'unlist') spu.unlist(now);
      else spu.schedule({ listAt: cmd.listAt, unlistAt: cmd.unlistAt }, now);
      await tx.spus.save(spu);
      tx.recordEvents(spu.pullEvents());
      return spu.toSnapshot();
    });
  }
}

/** Applies due scheduled listings and unlistings; run periodically by the host (the CLI every few seconds). */
export class ApplyDueListingSchedules {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  execute(batch = 100): Promise<number> {
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const due = await tx.spus.dueForSchedule(now, batch);
      for (const spu of due) {
        spu.applyDueSchedule(now);
        await tx.spus.save(spu);
        tx.recordEvents(spu.pullEvents());
      }
      return due.length;
    });
  }
}

function defaultCode(id: string): string {
  return `P${id.replace(/-/g, '').slice(-12).toUpperCase()}`;
}
