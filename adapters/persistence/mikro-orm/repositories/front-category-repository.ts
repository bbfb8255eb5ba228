import { FrontCategory } from '../../../../domain/catalog/front-category.js';
import type { FrontCategories } from '../../../../domain/catalog/ports.js';
import type { TxScope } from '../db.js';
import { FrontCategoryRecord, frontCategoryFromRow, frontCategoryRecord, type FrontCategoryRow } from '../records/front-category-record.js';
import { saveVersionedRow } from './versioned-row.js';

export class MikroOrmFrontCategories implements FrontCategories {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<FrontCategory | null> {
    const [row] = await this.tx.rows<FrontCategoryRow>('select * from front_category where id = ?', [id]);
    return row ? FrontCategory.restore(frontCategoryFromRow(row)) : null;
  }

  async save(fc: FrontCategory): Promise<void> {
    const s = fc.toSnapshot();
    fc.markSaved(await saveVersionedRow(this.tx, FrontCategoryRecord, 'frontCategories', s.version, frontCategoryRecord(s, s.version + 1)));
  }

  async remove(fc: FrontCategory): Promise<void> {
    await this.tx.run(this.tx.builder.createQueryBuilder(FrontCategoryRecord).delete({ id: fc.id }));
  }
}
