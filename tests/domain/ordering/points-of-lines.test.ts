import { describe, expect, it } from 'vitest';
import { pointsOfLines } from '../../../domain/ordering/amounts.js';
import { Money } from '../../../domain/shared/money.js';

const line = (lineId: string, deduction: string) => ({ lineId, amounts: { pointsDeduction: Money.of(deduction) } });

describe('pointsOfLines: the points an order spent, per line (placing records it; after-sales gives back its units’ share)', () => {
  it('1,000 points over deductions 10.00, 0 and 5.00: 667 and 333 (largest remainder), the line without a deduction absent', () => {
    expect(pointsOfLines(1000, [line('A', '10.00'), line('B', '0.00'), line('C', '5.00')])).toEqual({ A: 667, C: 333 });
  });

  it('no points, or no line with a deduction: nothing', () => {
    expect(pointsOfLines(0, [line('A', '10.00')])).toEqual({});
    expect(pointsOfLines(500, [line('A', '0.00')])).toEqual({});
  });
});
