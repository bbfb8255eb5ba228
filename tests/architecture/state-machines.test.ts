// Every aggregate with states declares its transition table as data, and the docs draw each one (issue #13):
// this list names each table with the page and the tag of its diagram, and the test holds the drawings true.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUEST_TRANSITIONS } from '../../domain/after-sales/request.js';
import { INVOICE_TRANSITIONS } from '../../domain/invoice/invoice.js';
import { RECONCILIATION_CASE_TRANSITIONS } from '../../domain/reconciliation/case.js';
import { SPU_TRANSITIONS } from '../../domain/catalog/spu.js';
import { COUPON_TRANSITIONS } from '../../domain/coupon/owned-coupon.js';
import { GOODS_ORDER_TRANSITIONS, ORDER_TRANSITIONS, SERVICE_ORDER_TRANSITIONS } from '../../domain/ordering/status.js';
import { PAYMENT_TRANSITIONS } from '../../domain/payment/payment.js';
import { BARGAIN_TRANSITIONS } from '../../domain/promotion/bargain.js';
import { GROUP_TRANSITIONS } from '../../domain/promotion/group-buy.js';
import { REVIEW_TRANSITIONS } from '../../domain/promotion/review.js';
import { edgesOf, stateMachine, type Transitions } from '../../domain/shared/state-machine.js';
import { diagramEdges, tableEdges } from '../support/diagram.js';

/** [table name, its table, the docs page that draws it]. A context moving its aggregate onto the helper adds its tables here. */
const DRAWN: readonly [string, Transitions<string>, string][] = [
  ['GOODS_ORDER_TRANSITIONS', GOODS_ORDER_TRANSITIONS, 'ordering'],
  ['SERVICE_ORDER_TRANSITIONS', SERVICE_ORDER_TRANSITIONS, 'ordering'],
  ['ORDER_TRANSITIONS', ORDER_TRANSITIONS, 'ordering'],
  ['PAYMENT_TRANSITIONS', PAYMENT_TRANSITIONS, 'payment'],
  ['REVIEW_TRANSITIONS', REVIEW_TRANSITIONS, 'promotion'],
  ['GROUP_TRANSITIONS', GROUP_TRANSITIONS, 'promotion'],
  ['BARGAIN_TRANSITIONS', BARGAIN_TRANSITIONS, 'promotion'],
  ['SPU_TRANSITIONS', SPU_TRANSITIONS, 'catalog'],
  ['COUPON_TRANSITIONS', COUPON_TRANSITIONS, 'coupon'],
  ['REQUEST_TRANSITIONS', REQUEST_TRANSITIONS, 'after-sales'],
  ['INVOICE_TRANSITIONS', INVOICE_TRANSITIONS, 'invoice'],
  ['RECONCILIATION_CASE_TRANSITIONS', RECONCILIATION_CASE_TRANSITIONS, 'reconciliation'],
];

/** Tables not drawn yet (their contexts move onto the helper in issue #13); the list shrinks to nothing. */
const NOT_YET_DRAWN: string[] = [];

const page = (name: string) => readFileSync(new URL(`../../docs/contexts/${name}.md`, import.meta.url), 'utf8');

describe('state machines as data (issue #13)', () => {
  it('the helper allows exactly the moves of its table, rejects the others with the context code and from/to, and knows the final states', () => {
    const m = stateMachine({ draft: ['live', 'void'], live: ['void'], void: [] } as const, 'NOTE.INVALID_TRANSITION');
    expect([m.can('draft', 'live'), m.can('live', 'draft'), m.can('void', 'void')]).toEqual([true, false, false]);
    expect(m.rejection('draft', 'live')).toBeNull();
    const e = m.rejection('live', 'draft', { noteId: 'n1' })!;
    expect([e.code, e.kind, e.details]).toEqual(['NOTE.INVALID_TRANSITION', 'conflict', { noteId: 'n1', from: 'live', to: 'draft' }]);
    expect(() => m.assert('void', 'live')).toThrow(/cannot move from void to live/);
    expect(m.finals).toEqual(['void']);
    expect(edgesOf(m.table)).toEqual([
      ['draft', 'live'],
      ['draft', 'void'],
      ['live', 'void'],
    ]);
  });

  it.each(DRAWN)('docs draw %s exactly', (tag, table, doc) => {
    expect(diagramEdges(page(doc), tag)).toEqual(tableEdges(table));
  });

  it('every transition table exported by the domain is drawn (or still listed as not yet)', () => {
    const exported = readdirSync('domain', { recursive: true })
      .filter((f) => String(f).endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join('domain', String(f)), 'utf8').matchAll(/export const ([A-Z_]*TRANSITIONS)\b/g)].map((m) => m[1]!));
    expect(exported.sort()).toEqual([...DRAWN.map(([tag]) => tag), ...NOT_YET_DRAWN].sort());
  });
});
