import { describe, expect, it } from 'vitest';
import { positional, toDollarParams } from '../../adapters/persistence/mikro-orm/sql-session.js';

describe('`?` placeholders to native parameters', () => {
  it('numbers placeholders in order and leaves quoted text and comments alone', () => {
    expect(toDollarParams(`select ? as a, '?' as "b?", 'it''s ?' from t -- why?\nwhere x = ? and y = ?::int`)).toBe(
      `select $1 as a, '?' as "b?", 'it''s ?' from t -- why?\nwhere x = $2 and y = $3::int`,
    );
  });

  it('gives each distinct statement one stable prepared-statement name', () => {
    const a = positional('select 1 where ? = ?');
    expect(positional('select 1 where ? = ?')).toBe(a);
    expect(a.text).toBe('select 1 where $1 = $2');
    expect(positional('select 2 where ? = ?').name).not.toBe(a.name);
  });
});
