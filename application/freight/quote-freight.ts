import { freightQuoteInputOf, type FreightQuoteRequest, type FreightRequestLine } from '../../domain/freight/quote-input.js';
import { quoteFreight, type FreightQuote, type FreightQuoteInput } from '../../domain/freight/quote.js';
import type { UseCaseDeps } from '../shared/deps.js';
import type { Transaction } from '../shared/unit-of-work.js';
import { shopFreightRules } from './shop-freight-rules.js';

/** A line to quote; its template omitted: the SKU's assignment (`assignTemplate`); null: none. */
export type QuoteFreightLine = FreightRequestLine;

export interface QuoteFreightCommand extends FreightQuoteRequest {
  readonly shopId: string;
}

/**
 * Loads what `quoteFreight` needs for one shop's lines inside a transaction: the shop's settings (or
 * the defaults), each SKU's template (the line's own, else its assignment) and those templates
 * (`shopFreightRules`, then the pure `freightQuoteInputOf`).
 */
export async function freightQuoteInput(tx: Transaction, cmd: QuoteFreightCommand): Promise<FreightQuoteInput> {
  const lines = Array.isArray(cmd.lines) ? cmd.lines : [];
  const rules = await shopFreightRules(tx, {
    shopId: cmd.shopId,
    skuIds: lines.filter((l) => l.templateId === undefined).map((l) => l.skuId),
    templateIds: lines.flatMap((l) => (typeof l.templateId === 'string' ? [l.templateId] : [])),
  });
  return freightQuoteInputOf(rules, { ...cmd, lines });
}

/** The freight of one shop's lines to an address, explained (spec §7, FRT-1). Writes nothing. */
export class QuoteFreight {
  constructor(private readonly d: UseCaseDeps) {}

  execute(cmd: QuoteFreightCommand): Promise<FreightQuote> {
    return this.d.uow.run(async (tx) => quoteFreight(await freightQuoteInput(tx, cmd)));
  }
}
