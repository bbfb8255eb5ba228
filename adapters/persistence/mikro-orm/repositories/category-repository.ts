import { Category } from '../../../../domain/catalog/category.js';
import type { Categories } from '../../../../domain/catalog/ports.js';
import type { TxScope } from '../db.js';
import { CategoryRecord, categoryFromRow, categoryRecord, type CategoryRow } from '../records/category-record.js';
import { saveVersionedRow } from './versioned-row.js';

export class MikroOrmCategories implements Categories {
  constructor(private readonly tx: TxScope) {}

  /**
   * Locks the row for the rest of the transaction. CAT-1 spans aggregates (a product may hang only on
   * a leaf, a category with products may not be deleted or get children): every use case that judges
   * it loads the category first, so the lock serialises them and each sees the others' commits.
   * NO KEY UPDATE still lets foreign-key checks through.
   */
  async get(id: string): Promise<Category | null> {
    const [row] = await this.tx.rows<CategoryRow>('select * from category where id = ? for no key update', [id]);
    return row ? Category.restore(categoryFromRow(row)) : null;
  }

  async save(category: Category): Promise<void> {
    const s = category.toSnapshot();
    category.markSaved(await saveVersionedRow(this.tx, CategoryRecord, 'categories', s.version, categoryRecord(s, s.version + 1)));
  }

  async remove(category: Category): Promise<void> {
    await this.tx.run(this.tx.builder.createQueryBuilder(CategoryRecord).delete({ id: category.id }));
  }

  async hasChildren(id: string): Promise<boolean> {
    const rows = await this.tx.rows('select 1 from category where parent_id = ? limit 1', [id]);
    return rows.length > 0;
  }
}
