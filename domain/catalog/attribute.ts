import { DomainError } from '../shared/domain-error.js';

/** Attribute kinds (spec §1): key 关键属性, sales 销售属性 (form SKUs), product 商品属性, other 非关键属性. */
export const ATTRIBUTE_KINDS = ['key', 'sales', 'product', 'other'] as const;
export type AttributeKind = (typeof ATTRIBUTE_KINDS)[number];

/** How a value is entered: one option, several options, or free text. */
export const ATTRIBUTE_INPUTS = ['single', 'multi', 'text'] as const;
export type AttributeInput = (typeof ATTRIBUTE_INPUTS)[number];

export interface AttributeTemplate {
  readonly id: string;
  readonly name: string;
  readonly kind: AttributeKind;
  readonly required: boolean;
  readonly input: AttributeInput;
  readonly options: readonly string[];
}

/** Checks one attribute template on its own: sales attributes are option lists, options are unique. */
export function validateAttributeTemplate(a: AttributeTemplate): AttributeTemplate {
  const name = a.name.trim();
  if (name.length === 0 || name.length > 60) {
    throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE', 'an attribute name has 1 to 60 characters', { id: a.id });
  }
  if (a.kind === 'sales' && a.input === 'text') {
    throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE', 'a sales attribute takes values from a list, not free text', {
      id: a.id,
    });
  }
  if (a.input !== 'text' && a.options.length === 0) {
    throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE', `attribute "${name}" needs options`, { id: a.id });
  }
  if (new Set(a.options).size !== a.options.length) {
    throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE', `attribute "${name}" lists an option twice`, { id: a.id });
  }
  return { ...a, name, options: [...a.options] };
}

/**
 * Checks the values given for one non-sales attribute against its template: required values are
 * present, single takes one value, option inputs take listed options.
 */
export function checkAttributeValues(a: AttributeTemplate, values: readonly string[] | undefined): void {
  const vs = values ?? [];
  if (vs.length === 0) {
    if (a.required) {
      throw DomainError.invalid('CATALOG.REQUIRED_ATTRIBUTE_MISSING', `attribute "${a.name}" is required`, {
        attributeId: a.id,
      });
    }
    return;
  }
  if (a.input !== 'multi' && vs.length > 1) {
    throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE_VALUE', `attribute "${a.name}" takes one value`, {
      attributeId: a.id,
    });
  }
  if (a.input === 'text') return;
  const unknown = vs.filter((v) => !a.options.includes(v));
  if (unknown.length > 0) {
    throw DomainError.invalid('CATALOG.INVALID_ATTRIBUTE_VALUE', `attribute "${a.name}" has no option ${unknown.join(', ')}`, {
      attributeId: a.id,
      values: unknown,
    });
  }
}
