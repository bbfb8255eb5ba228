import type { AttributeTemplate } from '../../domain/catalog/attribute.js';
import { assertDeletable, Category, type CategorySnapshot } from '../../domain/catalog/category.js';
import type { Clock, IdGenerator } from '../../domain/shared/ports.js';
import type { UnitOfWork } from '../shared/unit-of-work.js';
import { requireCategory } from './lookups.js';

export interface CreateCategoryCommand {
  readonly name: string;
  readonly parentId?: string | null;
  readonly sort?: number;
}

/** Adds a back-end category under a parent (or as a root); CAT-1 depth and product rules apply. */
export class CreateCategory {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  execute(cmd: CreateCategoryCommand): Promise<CategorySnapshot> {
    return this.uow.run(async (tx) => {
      const parent = cmd.parentId ? await requireCategory(tx, cmd.parentId) : null;
      const parentProductCount = parent ? await tx.spus.countInCategory(parent.id) : 0;
      const category = Category.create({
        id: this.ids.next(),
        name: cmd.name,
        parent,
        parentProductCount,
        sort: cmd.sort,
        now: this.clock.now(),
      });
      await tx.categories.save(category);
      tx.recordEvents(category.pullEvents());
      return category.toSnapshot();
    });
  }
}

export interface UpdateCategoryCommand {
  readonly categoryId: string;
  readonly name?: string;
  readonly sort?: number;
  /** Replaces the attribute templates (leaf categories only). */
  readonly attributes?: readonly AttributeTemplate[];
}

export class UpdateCategory {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: UpdateCategoryCommand): Promise<CategorySnapshot> {
    return this.uow.run(async (tx) => {
      const category = await requireCategory(tx, cmd.categoryId);
      if (cmd.name !== undefined || cmd.sort !== undefined) category.rename(cmd.name ?? category.name, cmd.sort);
      if (cmd.attributes) category.defineAttributes(cmd.attributes, await tx.categories.hasChildren(category.id));
      await tx.categories.save(category);
      tx.recordEvents(category.pullEvents());
      return category.toSnapshot();
    });
  }
}

/** CAT-1: only a leaf without products can be deleted. */
export class DeleteCategory {
  constructor(private readonly uow: UnitOfWork) {}

  execute(cmd: { readonly categoryId: string }): Promise<void> {
    return this.uow.run(async (tx) => {
      const category = await requireCategory(tx, cmd.categoryId);
      assertDeletable(category, await tx.categories.hasChildren(category.id), await tx.spus.countInCategory(category.id));
      await tx.categories.remove(category);
    });
  }
}
