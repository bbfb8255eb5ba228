import { describe, expect, it } from 'vitest';
import { freightQuoteInputOf, type ShopFreightRules } from '../../../domain/freight/index.js';
import { aTemplate, FREE_OVER_69, R, SHOP, settings } from './freight-mothers.js';

describe('freightQuoteInputOf (issue #13): a quote input from a shop’s loaded rules and the amounts, pure', () => {
  const t1 = aTemplate('t1');
  const t2 = aTemplate('t2');
  const t3 = aTemplate('t3');
  const rules: ShopFreightRules = {
    settings: settings({ mode: 'mixed', shopTemplate: FREE_OVER_69 }),
    assignments: { a: 't2', b: 't1', c: 'gone' },
    templates: [t1, t2, t3],
  };

  it('a line takes its own template, else its SKU’s assignment, else none; the quote gets the templates the lines name, in the order they first name them', () => {
    const input = freightQuoteInputOf(rules, {
      address: R.xihu,
      lines: [
        { skuId: 'a', quantity: 1, amount: '10.00' },
        { skuId: 'b', quantity: 2, amount: '20.00' },
        { skuId: 'a', quantity: 1, amount: '5.00', templateId: null },
        { skuId: 'd', quantity: 1, amount: '5.00' },
        { skuId: 'b', quantity: 1, amount: '5.00', templateId: 't3' },
      ],
      shippingDeduction: '3.00',
    });
    expect(input.lines.map((l) => `${l.skuId}:${l.templateId}`)).toEqual(['a:t2', 'b:t1', 'a:null', 'd:null', 'b:t3']);
    expect(input.templates.map((t) => t.id)).toEqual(['t2', 't1', 't3']);
    expect([input.address, input.settings.id, input.shippingDeduction]).toEqual([R.xihu, SHOP, '3.00']);
  });

  it('an assigned template that no longer exists is not given (the quote then says FREIGHT.UNKNOWN_TEMPLATE); no deduction asked, none set', () => {
    const input = freightQuoteInputOf(rules, { address: R.xihu, lines: [{ skuId: 'c', quantity: 1, amount: '1.00' }] });
    expect([input.lines[0]!.templateId, input.templates, 'shippingDeduction' in input]).toEqual(['gone', [], false]);
  });
});
