import { quoteFreight, type FreightLineInput, type FreightQuote, type FreightQuoteInput } from '../../domain/freight/quote.js';
import { defaultShopFreightSettings } from '../../domain/freight/shop-settings.js';
import type { AmountInput } from '../../domain/freight/rates.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { FREIGHT_STORE } from './store.js';

export interface QuoteFreightLine extends Omit<FreightLineInput, 'templateId'> {
  /** The SKU's template; omitted: the SKU's assignment (`assignTemplate`); null: none. */
  readonly templateId?: string | null;
}

export interface QuoteFreightCommand {
  readonly shopId: string;
  /** A district code (GB/T 2260). */
  readonly address: string;
  readonly lines: readonly QuoteFreightLine[];
  /** A shipping coupon's deduction, capped by the freight. */
  readonly shippingDeduction?: AmountInput;
}

/**
 * Loads what `quoteFreight` needs for one shop's lines inside a transaction: the shop's settings (or
 * the defaults), each SKU's template (the line's own, else its assignment) and those templates. For
 * checkout, which quotes inside its own unit of work: `quoteFreight(await freightQuoteInput(tx, cmd))`.
 */
export async function freightQuoteInput(tx: Transaction, cmd: QuoteFreightCommand): Promise<FreightQuoteInput> {
  const store = tx.use(FREIGHT_STORE);
  const lines = Array.isArray(cmd.lines) ? cmd.lines : [];
  const unassigned = [...new Set(lines.filter((l) => l.templateId === undefined).map((l) => l.skuId))];
  const assigned = unassigned.length > 0 ? await store.skuTemplates.templatesOf(unassigned) : {};
  const withTemplates: FreightLineInput[] = lines.map((l) => ({ ...l, templateId: l.templateId === undefined ? (assigned[l.skuId] ?? null) : l.templateId }));
  const ids = [...new Set(withTemplates.flatMap((l) => (l.templateId === null ? [] : [l.templateId])))];
  const templates = ids.length > 0 ? (await store.templates.getMany(ids)).map((t) => t.toSnapshot()) : [];
  const settings = (await store.shopSettings.get(cmd.shopId))?.toSnapshot() ?? defaultShopFreightSettings(cmd.shopId);
  return {
    address: cmd.address,
    settings,
    templates,
    lines: withTemplates,
    ...(cmd.shippingDeduction !== undefined ? { shippingDeduction: cmd.shippingDeduction } : {}),
  };
}

/** The freight of one shop's lines to an address, explained (spec §7, FRT-1). Writes nothing. */
export class QuoteFreight {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: QuoteFreightCommand): Promise<FreightQuote> {
    return this.d.uow.run(async (tx) => quoteFreight(await freightQuoteInput(tx, cmd)));
  }
}
