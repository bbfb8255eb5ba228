import { DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { checkAttributeValues } from './attribute.js';
import type { Category } from './category.js';
import type { SalesAttributeValues, SpuSnapshot } from './spu-snapshot.js';

// The rules every product state and every new product obey (the `Spu` aggregate, spu.ts, calls them).

const MAX_PRICE = Money.of('99999999.99');
/** At most this many SKUs per product (CATALOG.TOO_MANY_SKUS). */
export const MAX_SKUS = 600;

/** Invariants of every SPU state: a title, SKU codes unique, prices positive, whole cents, market ≥ sale. */
export function checkSpu(s: SpuSnapshot): SpuSnapshot {
  const title = s.title.trim();
  if (title.length === 0 || title.length > 200) {
    throw DomainError.invalid('CATALOG.INVALID_TITLE', 'a title has 1 to 200 characters');
  }
  // 60 characters leave room for the generated SKU codes (`<code>-NN`, at most 64).
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$/.test(s.code)) {
    throw DomainError.invalid('CATALOG.INVALID_CODE', `not a product code: ${JSON.stringify(s.code)}`);
  }
  const codes = s.skus.map((k) => k.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup !== undefined) {
    throw DomainError.conflict('CATALOG.DUPLICATE_SKU_CODE', `SKU code ${dup} appears twice`, { codes: [dup] });
  }
  for (const sku of s.skus) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(sku.code)) {
      throw DomainError.invalid('CATALOG.INVALID_CODE', `not a SKU code: ${JSON.stringify(sku.code)}`);
    }
    checkPrice(sku.salePrice, 'sale price');
    if (sku.marketPrice) {
      checkPrice(sku.marketPrice, 'market price');
      if (sku.marketPrice.lessThan(sku.salePrice)) {
        throw DomainError.invalid('CATALOG.MARKET_PRICE_BELOW_SALE_PRICE', 'the market price cannot be below the sale price', {
          skuCode: sku.code,
        });
      }
    }
  }
  const tags = new Set(s.tags.map((t) => `${t.kind}:${t.name}`));
  if (tags.size !== s.tags.length || s.tags.some((t) => t.name.trim().length === 0 || t.name.length > 30)) {
    throw DomainError.invalid('CATALOG.INVALID_TAG', 'tags are unique and have 1 to 30 characters');
  }
  return { ...s, title };
}

function checkPrice(p: Money, what: string): void {
  if (!p.isPositive() || !p.isWholeMinorUnits() || p.greaterThan(MAX_PRICE)) {
    throw DomainError.invalid('CATALOG.INVALID_PRICE', `the ${what} is a positive amount in whole cents up to ${MAX_PRICE}`, {
      price: p.toString(),
    });
  }
}

export function checkNonSalesAttributes(category: Category, values: Readonly<Record<string, readonly string[]>>): void {
  for (const id of Object.keys(values)) {
    const a = category.attribute(id);
    if (!a || a.kind === 'sales') {
      throw DomainError.invalid('CATALOG.UNKNOWN_ATTRIBUTE', `category ${category.id} has no attribute ${id} for product values`, {
        attributeId: id,
      });
    }
  }
  for (const a of category.attributes) {
    if (a.kind !== 'sales') checkAttributeValues(a, values[a.id]);
  }
}

export function checkSalesAttributes(category: Category, given: readonly SalesAttributeValues[]): SalesAttributeValues[] {
  const out: SalesAttributeValues[] = [];
  for (const g of given) {
    const a = category.attribute(g.attributeId);
    if (a?.kind !== 'sales') {
      throw DomainError.invalid('CATALOG.UNKNOWN_ATTRIBUTE', `category ${category.id} has no sales attribute ${g.attributeId}`, {
        attributeId: g.attributeId,
      });
    }
    if (g.values.length === 0 || new Set(g.values).size !== g.values.length) {
      throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE_VALUE', `sales attribute "${a.name}" needs distinct values`, {
        attributeId: a.id,
      });
    }
    checkAttributeValues({ ...a, input: 'multi' }, g.values);
    out.push({ attributeId: a.id, values: [...g.values] });
  }
  if (new Set(out.map((o) => o.attributeId)).size !== out.length) {
    throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE_VALUE', 'a sales attribute is given twice');
  }
  const missing = category.attributes.filter((a) => a.kind === 'sales' && a.required && !out.some((o) => o.attributeId === a.id));
  if (missing.length > 0) {
    throw DomainError.invalid('CATALOG.REQUIRED_ATTRIBUTE_MISSING', `sales attribute "${missing[0]!.name}" is required`, {
      attributeId: missing[0]!.id,
    });
  }
  return out;
}

/** Every combination of the sales attribute values, in the order given (the first varies slowest). */
export function combinations(sales: readonly SalesAttributeValues[]): Record<string, string>[] {
  return sales.reduce<Record<string, string>[]>((acc, attr) => acc.flatMap((specs) => attr.values.map((v) => ({ ...specs, [attr.attributeId]: v }))), [{}]);
}

export function sameSpecs(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
