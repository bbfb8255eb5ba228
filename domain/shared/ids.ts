declare const idBrand: unique symbol;
/** A typed identifier: `Id<'Spu'>` and `Id<'Sku'>` are both strings but cannot be mixed up. */
export type Id<Kind extends string> = string & { readonly [idBrand]: Kind };

export function asId<Kind extends string>(value: string): Id<Kind> {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) {
    throw new RangeError(`not an id: ${JSON.stringify(value)}`);
  }
  return value as Id<Kind>;
}
