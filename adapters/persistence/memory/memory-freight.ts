import type { FreightTemplates, ShopFreightSettingsRepository, SkuFreightTemplates } from '../../../domain/freight/ports.js';
import { FreightTemplate, type FreightTemplateSnapshot } from '../../../domain/freight/template.js';
import { ShopFreightSettings } from '../../../domain/freight/shop-settings.js';
import type { MemoryTransactionState } from './memory-unit-of-work.js';

const cu = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byNameThenId = (a: FreightTemplateSnapshot, b: FreightTemplateSnapshot) => cu(a.name, b.name) || cu(a.id, b.id);

/** Per-item freight templates in memory (table `freightTemplates`), optimistic like every aggregate. */
export class MemoryFreightTemplates implements FreightTemplates {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(id: string): Promise<FreightTemplate | null> {
    const s = this.tx.read('freightTemplates', id);
    return s ? FreightTemplate.restore(s) : null;
  }
  async getMany(ids: readonly string[]): Promise<FreightTemplate[]> {
    return [...new Set(ids)].flatMap((id) => {
      const s = this.tx.read('freightTemplates', id);
      return s ? [FreightTemplate.restore(s)] : [];
    });
  }
  async save(template: FreightTemplate): Promise<void> {
    template.markSaved(this.tx.write('freightTemplates', template.toSnapshot()));
  }
  async list(filter: { readonly shopId?: string } = {}): Promise<FreightTemplate[]> {
    return this.tx
      .rows('freightTemplates')
      .filter((s) => filter.shopId === undefined || s.shopId === filter.shopId)
      .sort(byNameThenId)
      .map((s) => FreightTemplate.restore(s));
  }
}

/** Each shop's freight settings in memory (table `shopFreightSettings`, keyed by shop id). */
export class MemoryShopFreightSettings implements ShopFreightSettingsRepository {
  constructor(private readonly tx: MemoryTransactionState) {}

  async get(shopId: string): Promise<ShopFreightSettings | null> {
    const s = this.tx.read('shopFreightSettings', shopId);
    return s ? ShopFreightSettings.restore(s) : null;
  }
  async save(settings: ShopFreightSettings): Promise<void> {
    settings.markSaved(this.tx.write('shopFreightSettings', settings.toSnapshot()));
  }
}

/** SKU → template assignments in memory (table `skuFreightTemplates`, keyed by SKU id). */
export class MemorySkuFreightTemplates implements SkuFreightTemplates {
  constructor(private readonly tx: MemoryTransactionState) {}

  async templatesOf(skuIds: readonly string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of skuIds) {
      const row = this.tx.read('skuFreightTemplates', id);
      if (row) out[id] = row.templateId;
    }
    return out;
  }
  async assign(skuIds: readonly string[], templateId: string | null): Promise<void> {
    for (const id of new Set(skuIds)) {
      const current = this.tx.read('skuFreightTemplates', id);
      if (templateId === null) {
        if (current) this.tx.delete('skuFreightTemplates', id);
      } else {
        this.tx.write('skuFreightTemplates', { id, templateId, version: current?.version ?? 0 } as { id: string; version: number });
      }
    }
  }
  async skusOf(templateId: string): Promise<string[]> {
    return this.tx
      .rows('skuFreightTemplates')
      .filter((r) => r.templateId === templateId)
      .map((r) => r.id)
      .sort(cu);
  }
}
