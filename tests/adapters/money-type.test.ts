import { describe, expect, it } from 'vitest';
import { Money } from '../../domain/shared/money.js';
import { MoneyType } from '../../adapters/persistence/mikro-orm/index.js';

describe('MoneyType: numeric(20,2) ⇄ Money without floats', () => {
  const type = new MoneyType();

  it('reads the driver string exactly', () => {
    for (const text of ['0.01', '12.30', '99999999.99', '123456789012345678.90']) {
      expect(type.convertToJSValue(text)!.toString()).toBe(text);
    }
    expect(type.convertToJSValue(null)).toBeNull();
  });

  it('writes the amount as a decimal string', () => {
    expect(type.convertToDatabaseValue(Money.of('12.3'))).toBe('12.30');
    expect(type.convertToDatabaseValue(Money.of('99999999.99'))).toBe('99999999.99');
    expect(type.convertToDatabaseValue(null)).toBeNull();
  });

  it('refuses what the column would silently round or mislabel', () => {
    expect(() => type.convertToDatabaseValue(Money.of('0.005'))).toThrow(/fractions of a cent/);
    expect(() => type.convertToDatabaseValue(Money.of('1.00', 'USD'))).toThrow(/CNY column cannot store USD/);
    expect(() => type.convertToJSValue(12.3 as unknown as string)).toThrow(/as a string/);
  });

  it('declares the column', () => {
    expect(type.getColumnType({} as never, {} as never)).toBe('numeric(20,2)');
  });
});
