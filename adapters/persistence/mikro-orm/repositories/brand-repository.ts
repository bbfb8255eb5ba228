import { Brand } from '../../../../domain/catalog/brand.js';
import type { Brands } from '../../../../domain/catalog/ports.js';
import type { TxScope } from '../db.js';
import { BrandRecord, brandFromRow, brandRecord, type BrandRow } from '../records/brand-record.js';
import { saveVersionedRow } from './versioned-row.js';

export class MikroOrmBrands implements Brands {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<Brand | null> {
    const [row] = await this.tx.rows<BrandRow>('select * from brand where id = ?', [id]);
    return row ? Brand.restore(brandFromRow(row)) : null;
  }

  async save(brand: Brand): Promise<void> {
    const s = brand.toSnapshot();
    brand.markSaved(await saveVersionedRow(this.tx, BrandRecord, 'brands', s.version, brandRecord(s, s.version + 1)));
  }
}
