import { Type, type EntityProperty, type Platform } from '@mikro-orm/core';
import { DEFAULT_CURRENCY, Money } from '../../../../domain/shared/money.js';

/**
 * `numeric(20,2)` ⇄ Money, exactly: the driver hands numeric over as a string ("12.30") and Money
 * parses that string; no JS number is ever involved. A column holds one currency (CNY by default).
 * Amounts with more decimals than the column keeps are refused, not silently rounded by PostgreSQL.
 */
export class MoneyType extends Type<Money | null, string | null> {
  constructor(private readonly currency: string = DEFAULT_CURRENCY) {
    super();
  }

  override convertToDatabaseValue(value: Money | null): string | null {
    if (value === null || value === undefined) return null;
    if (!(value instanceof Money)) throw new TypeError(`not a Money: ${String(value)}`);
    if (value.currency !== this.currency) {
      throw new RangeError(`a ${this.currency} column cannot store ${value.currency} ${value.toString()}`);
    }
    if (!value.isWholeMinorUnits()) throw new RangeError(`${value.toString()} has fractions of a cent; round first`);
    return value.toString();
  }

  override convertToJSValue(value: string | null): Money | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') throw new TypeError(`numeric must arrive as a string, got ${typeof value}`);
    return Money.of(value, this.currency);
  }

  /** Compare stored values as text: "12.30" and "12.3" are the same amount but the driver always pads. */
  override compareAsType(): string {
    return 'string';
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return 'numeric(20,2)';
  }

  override ensureComparable(): boolean {
    return false;
  }
}
