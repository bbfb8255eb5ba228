import type { FreightStore } from '../../../../application/freight/store.js';
import type { FreightTemplates, ShopFreightSettingsRepository, SkuFreightTemplates } from '../../../../domain/freight/ports.js';
import { FreightTemplate } from '../../../../domain/freight/template.js';
import { ShopFreightSettings } from '../../../../domain/freight/shop-settings.js';
import type { TxScope } from '../db.js';
import {
  FreightTemplateRecord,
  freightTemplateFromRow,
  freightTemplateRecord,
  ShopFreightSettingsRecord,
  shopFreightSettingsFromRow,
  shopFreightSettingsRecord,
  type FreightTemplateRow,
  type ShopFreightSettingsRow,
} from './records.js';
import { saveVersionedRow } from '../repositories/versioned-row.js';

/** The freight store of one PostgreSQL transaction. */
export const pgFreightStore = (tx: TxScope): FreightStore => ({
  templates: new MikroOrmFreightTemplates(tx),
  shopSettings: new MikroOrmShopFreightSettings(tx),
  skuTemplates: new MikroOrmSkuFreightTemplates(tx),
});

/** Per-item freight templates on PostgreSQL (`freight_template`), optimistic by version. */
export class MikroOrmFreightTemplates implements FreightTemplates {
  constructor(private readonly tx: TxScope) {}

  async get(id: string): Promise<FreightTemplate | null> {
    const [row] = await this.tx.rows<FreightTemplateRow>('select * from freight_template where id = ?', [id]);
    return row ? FreightTemplate.restore(freightTemplateFromRow(row)) : null;
  }

  /** Served from the freight read cache until this transaction writes to the domain (decision 0030). */
  async getMany(ids: readonly string[]): Promise<FreightTemplate[]> {
    if (ids.length === 0) return [];
    const byId = await this.tx.cachedMany<FreightTemplateRow>('freight', 'template', [...new Set(ids)], async (missing) => {
      const rows = await this.tx.rows<FreightTemplateRow>('select * from freight_template where id = any(?::text[])', [missing]);
      return new Map(rows.map((r) => [r.id, r]));
    });
    return [...byId.values()].flatMap((r) => (r ? [FreightTemplate.restore(freightTemplateFromRow(r))] : []));
  }

  async save(template: FreightTemplate): Promise<void> {
    const s = template.toSnapshot();
    template.markSaved(await saveVersionedRow(this.tx, FreightTemplateRecord, 'freightTemplates', s.version, freightTemplateRecord(s, s.version + 1)));
    this.tx.touched.add('freight');
  }

  async list(filter: { readonly shopId?: string } = {}): Promise<FreightTemplate[]> {
    const rows = await this.tx.rows<FreightTemplateRow>(
      'select * from freight_template where (?::text is null or shop_id = ?) order by name collate "C", id collate "C"',
      [filter.shopId ?? null, filter.shopId ?? null],
    );
    return rows.map((r) => FreightTemplate.restore(freightTemplateFromRow(r)));
  }
}

/** Each shop's freight settings on PostgreSQL (`shop_freight_settings`, one row per shop). */
export class MikroOrmShopFreightSettings implements ShopFreightSettingsRepository {
  constructor(private readonly tx: TxScope) {}

  /** Served from the freight read cache until this transaction writes to the domain (decision 0030). */
  async get(shopId: string): Promise<ShopFreightSettings | null> {
    const row = await this.tx.cachedOne('freight', 'shop-settings', shopId, async () => {
      const [found] = await this.tx.rows<ShopFreightSettingsRow>('select * from shop_freight_settings where id = ?', [shopId]);
      return found ?? null;
    });
    return row ? ShopFreightSettings.restore(shopFreightSettingsFromRow(row)) : null;
  }

  async save(settings: ShopFreightSettings): Promise<void> {
    const s = settings.toSnapshot();
    settings.markSaved(
      await saveVersionedRow(this.tx, ShopFreightSettingsRecord, 'shopFreightSettings', s.version, shopFreightSettingsRecord(s, s.version + 1)),
    );
    this.tx.touched.add('freight');
  }
}

/** SKU → template assignments on PostgreSQL (`sku_freight_template`): one upsert or one delete per call. */
export class MikroOrmSkuFreightTemplates implements SkuFreightTemplates {
  constructor(private readonly tx: TxScope) {}

  /** Served from the freight read cache, SKU by SKU, until this transaction writes to the domain (decision 0030). */
  async templatesOf(skuIds: readonly string[]): Promise<Record<string, string>> {
    if (skuIds.length === 0) return {};
    const bySku = await this.tx.cachedMany<string>('freight', 'template-of-sku', [...new Set(skuIds)], async (missing) => {
      const rows = await this.tx.rows<{ sku_id: string; template_id: string }>(
        'select sku_id, template_id from sku_freight_template where sku_id = any(?::text[])',
        [missing],
      );
      return new Map(rows.map((r) => [r.sku_id, r.template_id]));
    });
    return Object.fromEntries([...bySku].filter((e): e is [string, string] => e[1] !== null));
  }

  async assign(skuIds: readonly string[], templateId: string | null): Promise<void> {
    const ids = [...new Set(skuIds)];
    if (ids.length === 0) return;
    this.tx.touched.add('freight');
    if (templateId === null) {
      await this.tx.rows('delete from sku_freight_template where sku_id = any(?::text[])', [ids]);
    } else {
      await this.tx.rows(
        'insert into sku_freight_template (sku_id, template_id) select unnest(?::text[]), ? on conflict (sku_id) do update set template_id = excluded.template_id',
        [ids, templateId],
      );
    }
  }

  async skusOf(templateId: string): Promise<string[]> {
    const rows = await this.tx.rows<{ sku_id: string }>('select sku_id from sku_freight_template where template_id = ? order by sku_id collate "C"', [
      templateId,
    ]);
    return rows.map((r) => r.sku_id);
  }
}
