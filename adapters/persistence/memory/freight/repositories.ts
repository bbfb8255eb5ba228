import type { FreightStore } from '../../../../application/freight/store.js';
import type { FreightTemplates, ShopFreightSettingsRepository, SkuFreightTemplates } from '../../../../domain/freight/ports.js';
import { FreightTemplate, type FreightTemplateSnapshot } from '../../../../domain/freight/template.js';
import { ShopFreightSettings, type ShopFreightSettingsSnapshot } from '../../../../domain/freight/shop-settings.js';
import type { MemoryTransactionState } from '../memory-transaction.js';

/** The freight context's tables in the memory database. */
const TEMPLATES = 'freightTemplates';
const SHOP_SETTINGS = 'shopFreightSettings';
const SKU_TEMPLATES = 'skuFreightTemplates';
type SkuTemplateRow = { id: string; templateId: string; version: number };

/** The freight store of one memory transaction. */
export const memoryFreightStore = (tx: MemoryTransactionState): FreightStore => ({
  templates: new MemoryFreightTemplates(tx),
  shopSettings: new MemoryShopFreightSettings(tx),
  skuTemplates: new MemorySkuFreightTemplates(tx),
});

const cu = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNameThenId = (a: FreightTemplateSnapshot, b: FreightTemplateSnapshot) => cu(a.name, b.name) || cu(a.id, b.id);

/** Per-item freight templates in memory (table `freightTemplates`), optimistic like every aggregate. */
export class MemoryFreightTemplates implements FreightTemplates {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<FreightTemplate | null> {
    const s = this.tx.read<FreightTemplateSnapshot>(TEMPLATES, id);
    return s ? FreightTemplate.restore(s) : null;
  }
  async getMany(ids: readonly string[]): Promise<FreightTemplate[]> {
    return [...new Set(ids)].flatMap((id) => {
      const s = this.tx.read<FreightTemplateSnapshot>(TEMPLATES, id);
      return s ? [FreightTemplate.restore(s)] : [];
    });
  }
  async save(template: FreightTemplate): Promise<void> {
    template.markSaved(this.tx.write(TEMPLATES, template.toSnapshot()));
  }
  async list(filter: { readonly shopId?: string } = {}): Promise<FreightTemplate[]> {
    return this.tx
      .rows<FreightTemplateSnapshot>(TEMPLATES)
      .filter((s) => filter.shopId === undefined || s.shopId === filter.shopId)
      .sort(byNameThenId)
      .map((s) => FreightTemplate.restore(s));
  }
}

/** Each shop's freight settings in memory (table `shopFreightSettings`, keyed by shop id). */
export class MemoryShopFreightSettings implements ShopFreightSettingsRepository {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(shopId: string): Promise<ShopFreightSettings | null> {
    const s = this.tx.read<ShopFreightSettingsSnapshot>(SHOP_SETTINGS, shopId);
    return s ? ShopFreightSettings.restore(s) : null;
  }
  async save(settings: ShopFreightSettings): Promise<void> {
    settings.markSaved(this.tx.write(SHOP_SETTINGS, settings.toSnapshot()));
  }
}

/** SKU → template assignments in memory (table `skuFreightTemplates`, keyed by SKU id). */
export class MemorySkuFreightTemplates implements SkuFreightTemplates {
  constructor(private readonly tx: MemoryTransactionState) {}

  async templatesOf(skuIds: readonly string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of skuIds) {
      const row = this.tx.read<SkuTemplateRow>(SKU_TEMPLATES, id);
      if (row) out[id] = row.templateId;
    }
    return out;
  }
  async assign(skuIds: readonly string[], templateId: string | null): Promise<void> {
    for (const id of new Set(skuIds)) {
      const current = this.tx.read<SkuTemplateRow>(SKU_TEMPLATES, id);
      if (templateId === null) {
        if (current) this.tx.delete(SKU_TEMPLATES, id);
      } else {
        const row: SkuTemplateRow = { id, templateId, version: current?.version ?? 0 };
        this.tx.write(SKU_TEMPLATES, row);
      }
    }
  }
  async skusOf(templateId: string): Promise<string[]> {
    return this.tx
      .rows<SkuTemplateRow>(SKU_TEMPLATES)
      .filter((r) => r.templateId === templateId)
      .map((r) => r.id)
      .sort(cu);
  }
}
