import { INVOICE_ERRORS, requireVatRate, type InvoiceSettings } from '../../domain/invoice/index.js';
import type { InvoiceDeps } from './deps.js';
import { settingsFor } from './kept.js';
import { INVOICE_STORE } from './store.js';

/**
 * Staff set a shop's invoice settings (or the default ones, shop `*`): when its orders become invoiceable,
 * the issuer (the seller's name and taxpayer number), and the VAT rates of goods, freight and categories.
 * INVOICE.INVALID_SETTINGS for a rate outside the VAT rates or an issuer without name or number.
 */
export class SetInvoiceSettings {
  constructor(private readonly d: InvoiceDeps) {}

  execute(cmd: InvoiceSettings): Promise<InvoiceSettings> {
    return this.d.uow.run(async (tx) => {
      const settings = checked(cmd);
      await tx.use(INVOICE_STORE).settings.save(settings);
      return settings;
    });
  }
}

function checked(cmd: InvoiceSettings): InvoiceSettings {
  const issuer = { name: cmd.issuer.name.trim(), taxNumber: cmd.issuer.taxNumber.trim() };
  if (issuer.name.length === 0 || !/^[0-9A-Z]{15,20}$/.test(issuer.taxNumber)) {
    throw INVOICE_ERRORS.raise('INVALID_SETTINGS', 'the issuer has a name and a taxpayer number of 15 to 20 digits and capitals', { issuer });
  }
  return {
    shopId: cmd.shopId,
    issueWhen: cmd.issueWhen,
    issuer,
    goodsRate: requireVatRate(cmd.goodsRate, 'the goods rate'),
    freightRate: requireVatRate(cmd.freightRate, 'the freight rate'),
    categoryRates: Object.fromEntries(Object.entries(cmd.categoryRates).map(([c, r]) => [c, requireVatRate(r, `the rate of category ${c}`)])),
  };
}

/** A shop's own invoice settings, else the default ones (`shopId` `*`); INVOICE.NOT_CONFIGURED when neither is set. */
export class GetInvoiceSettings {
  constructor(private readonly d: InvoiceDeps) {}

  execute(cmd: { readonly shopId: string }): Promise<InvoiceSettings> {
    return this.d.uow.run((tx) => settingsFor(tx, cmd.shopId));
  }
}
