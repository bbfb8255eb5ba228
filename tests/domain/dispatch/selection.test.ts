import { describe, expect, it } from 'vitest';
import { selectWarehouses, type DispatchCandidate, type DispatchLine } from '../../../domain/dispatch/selection.js';
import { domainErrorOf } from '../../support/mothers.js';
import { aWarehouse, candidate, R, type WarehouseSpec } from './dispatch-mothers.js';

type Row = readonly [id: string, spec: WarehouseSpec, available: Record<string, number>];

const candidates = (rows: readonly Row[]): DispatchCandidate[] => rows.map(([id, spec, stock]) => candidate(aWarehouse(id, spec), stock));
const select = (rows: readonly Row[], lines: readonly DispatchLine[], address: string = R.xihu) =>
  selectWarehouses({ lines, address, candidates: candidates(rows) });
/** Warehouse id → SKU ids, in the order of the groups. */
const shape = (rows: readonly Row[], lines: readonly DispatchLine[], address?: string) =>
  select(rows, lines, address).groups.map((g) => [g.warehouseId, g.lines.map((l) => l.skuId)]);

const one = [{ skuId: 'sku-1', quantity: 2 }];

describe('DSP-1 selection of one warehouse (物流时效优先)', () => {
  it.each<[string, Row[], string]>([
    [
      'DSP-1 (1): a warehouse without enough stock is passed over for one that has it',
      [
        ['a', { tier1: [R.xihu], type: 'self_run_central' }, { 'sku-1': 1 }],
        ['b', { tier3: [R.zhejiang], type: 'supplier' }, { 'sku-1': 2 }],
      ],
      'b',
    ],
    [
      'DSP-1 (1): an inactive warehouse is passed over, however well it ranks',
      [
        ['a', { tier1: [R.xihu], priority: 0, status: 'inactive' }, { 'sku-1': 9 }],
        ['b', { tier2: [R.hangzhou] }, { 'sku-1': 9 }],
      ],
      'b',
    ],
    [
      'DSP-1 (2): a tier-1 warehouse beats a tier-2 one with more stock',
      [
        ['a', { tier2: [R.hangzhou] }, { 'sku-1': 100 }],
        ['b', { tier1: [R.zhejiang] }, { 'sku-1': 2 }],
      ],
      'b',
    ],
    [
      'DSP-1 (2): a tier-2 supplier warehouse beats a tier-3 self-run central one with a better own priority',
      [
        ['a', { tier3: [R.zhejiang], type: 'self_run_central', priority: 0 }, { 'sku-1': 5 }],
        ['b', { tier2: [R.xihu], type: 'supplier', priority: 99 }, { 'sku-1': 5 }],
      ],
      'b',
    ],
    [
      'DSP-1 (2): a district match is not better than a province match in the same tier',
      [
        ['a', { tier1: [R.xihu], priority: 5 }, { 'sku-1': 5 }],
        ['b', { tier1: [R.zhejiang], priority: 1 }, { 'sku-1': 5 }],
      ],
      'b',
    ],
    [
      'DSP-1 (2): a warehouse that does not deliver to the address is no candidate, whatever its rank',
      [
        ['a', { tier1: [R.binjiang, R.ningbo], type: 'self_run_central', priority: 0 }, { 'sku-1': 9 }],
        ['b', { tier3: [R.hangzhou], type: 'supplier' }, { 'sku-1': 9 }],
      ],
      'b',
    ],
    [
      'DSP-1 (3): in one tier, self-run central beats self-run regional beats supplier, whatever their own priority',
      [
        ['a', { tier1: [R.xihu], type: 'supplier', priority: 0 }, { 'sku-1': 9 }],
        ['b', { tier1: [R.hangzhou], type: 'self_run_regional', priority: 1 }, { 'sku-1': 9 }],
        ['c', { tier1: [R.zhejiang], type: 'self_run_central', priority: 2 }, { 'sku-1': 9 }],
      ],
      'c',
    ],
    [
      'DSP-1 (3): self-run regional beats supplier in one tier',
      [
        ['a', { tier2: [R.xihu], type: 'supplier', priority: 0 }, { 'sku-1': 9 }],
        ['b', { tier2: [R.hangzhou], type: 'self_run_regional', priority: 50 }, { 'sku-1': 9 }],
      ],
      'b',
    ],
    [
      'DSP-1 (4): in one tier and type, the lower own priority wins',
      [
        ['a', { tier1: [R.xihu], priority: 7 }, { 'sku-1': 9 }],
        ['b', { tier1: [R.hangzhou], priority: 3 }, { 'sku-1': 9 }],
        ['c', { tier1: [R.zhejiang], priority: 5 }, { 'sku-1': 9 }],
      ],
      'b',
    ],
    [
      'DSP-1 tie-break: equal in tier, type and priority, the smaller warehouse id wins',
      [
        ['w-b', { tier1: [R.xihu] }, { 'sku-1': 9 }],
        ['w-a', { tier1: [R.hangzhou] }, { 'sku-1': 9 }],
        ['w-c', { tier1: [R.zhejiang] }, { 'sku-1': 9 }],
      ],
      'w-a',
    ],
  ])('%s', (_, rows, expected) => {
    expect(shape(rows, one)).toEqual([[expected, ['sku-1']]]);
    expect(shape([...rows].reverse(), one)).toEqual([[expected, ['sku-1']]]);
  });

  it('DSP-1 (1)–(4): the worked example of docs/contexts/dispatch.md picks NJ', () => {
    const rows: Row[] = [
      ['HZ', { type: 'self_run_central', priority: 1, tier1: [R.zhejiang] }, { A: 10, B: 0 }],
      ['XH', { type: 'supplier', priority: 0, tier1: [R.xihu] }, { A: 3 }],
      ['NB', { type: 'self_run_regional', priority: 2, tier1: [R.ningbo], tier2: [R.hangzhou] }, { A: 5, B: 5 }],
      ['NJ', { type: 'self_run_regional', priority: 1, tier1: [R.jiangsu], tier2: [R.zhejiang] }, { A: 20, B: 20 }],
      ['SH', { type: 'supplier', priority: 0, tier1: ['310000'], tier2: [R.zhejiang] }, { A: 9, B: 9 }],
      ['GZ', { type: 'self_run_central', priority: 0, tier1: [R.guangdong] }, { A: 99, B: 99 }],
    ];
    const lines = [
      { skuId: 'A', quantity: 2 },
      { skuId: 'B', quantity: 1 },
    ];
    expect(select(rows, lines)).toEqual({
      groups: [{ warehouseId: 'NJ', lines, tier: 2, estimatedDeliveryDays: 2 }],
      estimatedDeliveryDays: 2,
    });
  });

  it('the group reports the tier that matched and its estimated delivery days; the plan the same days', () => {
    const plan = select([['a', { tier2: [R.hangzhou] }, { 'sku-1': 9 }]], one);
    expect(plan).toEqual({
      groups: [{ warehouseId: 'a', lines: [{ skuId: 'sku-1', quantity: 2 }], tier: 2, estimatedDeliveryDays: 2 }],
      estimatedDeliveryDays: 2,
    });
  });

  it('lines of one SKU are added up first: 2 + 3 needs a warehouse with 5', () => {
    const rows: Row[] = [
      ['a', { tier1: [R.xihu] }, { 'sku-1': 4, 'sku-2': 1 }],
      ['b', { tier2: [R.zhejiang] }, { 'sku-1': 5, 'sku-2': 1 }],
    ];
    const lines = [
      { skuId: 'sku-1', quantity: 2 },
      { skuId: 'sku-2', quantity: 1 },
      { skuId: 'sku-1', quantity: 3 },
    ];
    expect(select(rows, lines).groups).toEqual([
      {
        warehouseId: 'b',
        lines: [
          { skuId: 'sku-1', quantity: 5 },
          { skuId: 'sku-2', quantity: 1 },
        ],
        tier: 2,
        estimatedDeliveryDays: 2,
      },
    ]);
  });
});

describe('DSP-1 (6) split by warehouse (拆单)', () => {
  it('DSP-1 (6): when no warehouse has every line, two warehouses ship one group each', () => {
    const rows: Row[] = [
      ['a', { tier1: [R.xihu] }, { 'sku-1': 5 }],
      ['b', { tier2: [R.zhejiang] }, { 'sku-2': 5 }],
    ];
    const plan = select(rows, [
      { skuId: 'sku-1', quantity: 1 },
      { skuId: 'sku-2', quantity: 1 },
    ]);
    expect(plan).toEqual({
      groups: [
        { warehouseId: 'a', lines: [{ skuId: 'sku-1', quantity: 1 }], tier: 1, estimatedDeliveryDays: 1 },
        { warehouseId: 'b', lines: [{ skuId: 'sku-2', quantity: 1 }], tier: 2, estimatedDeliveryDays: 2 },
      ],
      estimatedDeliveryDays: 2,
    });
  });

  it('DSP-1 (6): one tier-3 warehouse with every line beats two tier-1 warehouses (no split when one group is possible)', () => {
    const rows: Row[] = [
      ['a', { tier1: [R.xihu], type: 'self_run_central' }, { 'sku-1': 5 }],
      ['b', { tier1: [R.hangzhou], type: 'self_run_central' }, { 'sku-2': 5 }],
      ['c', { tier3: [R.zhejiang], type: 'supplier' }, { 'sku-1': 5, 'sku-2': 5 }],
    ];
    expect(
      shape(rows, [
        { skuId: 'sku-1', quantity: 1 },
        { skuId: 'sku-2', quantity: 1 },
      ]),
    ).toEqual([['c', ['sku-1', 'sku-2']]]);
  });

  it('DSP-1 (6): fewest warehouses beat better-ranked but more warehouses', () => {
    const rows: Row[] = [
      ['a', { tier1: [R.xihu], priority: 1 }, { s1: 1 }],
      ['b', { tier1: [R.xihu], priority: 2 }, { s2: 1 }],
      ['c', { tier1: [R.xihu], priority: 3 }, { s3: 1 }],
      ['d', { tier3: [R.zhejiang], type: 'supplier' }, { s2: 1, s3: 1 }],
    ];
    const lines = ['s1', 's2', 's3'].map((skuId) => ({ skuId, quantity: 1 }));
    expect(shape(rows, lines)).toEqual([
      ['a', ['s1']],
      ['d', ['s2', 's3']],
    ]);
  });

  it('DSP-1 (6): among covers of the fewest warehouses, the one whose best member ranks best wins', () => {
    // Ranked a, b, c, d. Two-warehouse covers: {a, d}, {b, c}, {c, d}. {a, d} holds the best warehouse.
    const rows: Row[] = [
      ['a', { tier1: [R.xihu], priority: 1 }, { s1: 1 }],
      ['b', { tier1: [R.xihu], priority: 2 }, { s2: 1 }],
      ['c', { tier1: [R.xihu], priority: 3 }, { s1: 1, s3: 1 }],
      ['d', { tier1: [R.xihu], priority: 4 }, { s2: 1, s3: 1 }],
    ];
    const lines = ['s1', 's2', 's3'].map((skuId) => ({ skuId, quantity: 1 }));
    expect(shape(rows, lines)).toEqual([
      ['a', ['s1']],
      ['d', ['s2', 's3']],
    ]);
  });

  it('DSP-1 (6): a line that two chosen warehouses could ship goes wholly to the better-ranked one', () => {
    const rows: Row[] = [
      ['a', { tier1: [R.xihu] }, { s1: 3, s2: 3 }],
      ['b', { tier2: [R.hangzhou] }, { s1: 3, s3: 3 }],
    ];
    const lines = ['s1', 's2', 's3'].map((skuId) => ({ skuId, quantity: 3 }));
    expect(select(rows, lines).groups.map((g) => [g.warehouseId, g.lines])).toEqual([
      [
        'a',
        [
          { skuId: 's1', quantity: 3 },
          { skuId: 's2', quantity: 3 },
        ],
      ],
      ['b', [{ skuId: 's3', quantity: 3 }]],
    ]);
  });

  it('DSP-1 (6): a line is never split across warehouses: 3 + 3 units in two warehouses do not serve 5', () => {
    const rows: Row[] = [
      ['a', { tier1: [R.xihu] }, { s1: 3, s2: 1 }],
      ['b', { tier1: [R.hangzhou] }, { s1: 3 }],
    ];
    const error = domainErrorOf(() =>
      select(rows, [
        { skuId: 's1', quantity: 5 },
        { skuId: 's2', quantity: 1 },
      ]),
    );
    expect(error.code).toBe('DISPATCH.INSUFFICIENT_STOCK');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ address: R.xihu, lines: [{ skuId: 's1', quantity: 5 }] });
  });

  it('DSP-1 (6): beyond the exact-search bound the split is greedy and may use more warehouses than needed', () => {
    // c (best-ranked) stocks lines 0–19 and 26–45, a lines 0–25, b lines 26 onwards. {a, b} covers
    // everything; greedy takes c first (most lines), then still needs a and b.
    const skus = Array.from({ length: 51 }, (_, j) => `s${j}`);
    const stock = (pred: (j: number) => boolean) => Object.fromEntries(skus.filter((_, j) => pred(j)).map((s) => [s, 1]));
    const rows: Row[] = [
      ['a', { tier1: [R.xihu], priority: 2 }, stock((j) => j <= 25)],
      ['b', { tier1: [R.xihu], priority: 3 }, stock((j) => j >= 26)],
      ['c', { tier1: [R.xihu], priority: 1 }, stock((j) => j <= 19 || (j >= 26 && j <= 45))],
    ];
    const lines = skus.map((skuId) => ({ skuId, quantity: 1 }));
    const greedy = select(rows, lines).groups; // 51 lines: greedy
    expect(greedy.map((g) => [g.warehouseId, g.lines.length])).toEqual([
      ['c', 40],
      ['a', 6],
      ['b', 5],
    ]);
    const exact = select(rows, lines.slice(0, 50)).groups; // 50 lines: exact
    expect(exact.map((g) => [g.warehouseId, g.lines.length])).toEqual([
      ['a', 26],
      ['b', 24],
    ]);
  });

  it('DSP-1 (6): the exact search handles its bound of 20 warehouses and 50 lines quickly', () => {
    // Warehouse i (better-ranked first) stocks the lines j with (i·7 + j·3) mod 10 < 3: no one has all.
    const skus = Array.from({ length: 50 }, (_, j) => `s${j}`);
    const rows: Row[] = Array.from({ length: 20 }, (_, i) => [
      `w${String(i).padStart(2, '0')}`,
      { tier1: [R.xihu] },
      Object.fromEntries(skus.filter((_, j) => (i * 7 + j * 3 + ((i * j) % 4)) % 10 < 3).map((s) => [s, 1])),
    ]);
    const started = performance.now();
    const groups = select(
      rows,
      skus.map((skuId) => ({ skuId, quantity: 1 })),
    ).groups;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(groups.flatMap((g) => g.lines.map((l) => l.skuId)).sort()).toEqual([...skus].sort());
  });
});

describe('DSP-1 rejections', () => {
  it.each<[string, Row[], string]>([
    ['no candidates at all', [], R.xihu],
    ['the address lies outside every region', [['a', { tier1: [R.hangzhou], tier2: [R.ningbo], tier3: [R.jiangsu] }, { 'sku-1': 9 }]], R.nanshan],
    [
      'only an inactive warehouse delivers there',
      [
        ['a', { tier1: [R.xihu], status: 'inactive' }, { 'sku-1': 9 }],
        ['b', { tier1: [R.ningbo] }, { 'sku-1': 9 }],
      ],
      R.xihu,
    ],
  ])('DISPATCH.NO_WAREHOUSE: %s', (_, rows, address) => {
    const error = domainErrorOf(() => select(rows, one, address));
    expect(error.code).toBe('DISPATCH.NO_WAREHOUSE');
    expect(error.details).toEqual({ address });
  });

  it('DISPATCH.INSUFFICIENT_STOCK: stock in a warehouse that does not deliver to the address does not count', () => {
    const rows: Row[] = [
      ['a', { tier1: [R.xihu] }, { 'sku-1': 1 }],
      ['b', { tier1: [R.ningbo] }, { 'sku-1': 9 }],
    ];
    const error = domainErrorOf(() => select(rows, one));
    expect(error.code).toBe('DISPATCH.INSUFFICIENT_STOCK');
    expect(error.details).toEqual({ address: R.xihu, lines: [{ skuId: 'sku-1', quantity: 2 }] });
  });

  it('DISPATCH.INSUFFICIENT_STOCK names every line no candidate can ship, with its summed quantity', () => {
    const rows: Row[] = [['a', { tier1: [R.xihu] }, { s1: 9 }]];
    const lines = [
      { skuId: 's2', quantity: 1 },
      { skuId: 's1', quantity: 1 },
      { skuId: 's3', quantity: 1 },
      { skuId: 's2', quantity: 1 },
    ];
    expect(domainErrorOf(() => select(rows, lines)).details).toEqual({
      address: R.xihu,
      lines: [
        { skuId: 's2', quantity: 2 },
        { skuId: 's3', quantity: 1 },
      ],
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('QUANTITY.INVALID: a line of %s units', (quantity) => {
    const rows: Row[] = [['a', { tier1: [R.xihu] }, { s1: 9 }]];
    expect(
      domainErrorOf(() =>
        select(rows, [
          { skuId: 's1', quantity: 1 },
          { skuId: 's1', quantity },
        ]),
      ).code,
    ).toBe('QUANTITY.INVALID');
  });

  it('DISPATCH.NO_LINES and DISPATCH.INVALID_REGION for an empty order or an address that is not a district', () => {
    const rows: Row[] = [['a', { tier1: [R.xihu] }, { s1: 9 }]];
    expect(domainErrorOf(() => select(rows, [])).code).toBe('DISPATCH.NO_LINES');
    expect(domainErrorOf(() => select(rows, one, R.hangzhou)).code).toBe('DISPATCH.INVALID_REGION');
    expect(domainErrorOf(() => select(rows, one, 'Hangzhou')).code).toBe('DISPATCH.INVALID_REGION');
  });

  it('a warehouse listed twice among the candidates is a programming error', () => {
    const w = aWarehouse('a', { tier1: [R.xihu] });
    expect(() => selectWarehouses({ lines: one, address: R.xihu, candidates: [candidate(w, {}), candidate(w, {})] })).toThrow(/listed twice/);
  });
});
