/** Keeps docs/contexts/ordering.md true: its state diagrams and its ORD-6 table are checked against the exported tables. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CANCELLATION_BY_STAGE } from '../../../domain/ordering/cancellation.js';
import { GOODS_ORDER_TRANSITIONS, SERVICE_ORDER_TRANSITIONS } from '../../../domain/ordering/status.js';
import { diagramEdges, tableEdges } from '../../support/diagram.js';

const page = readFileSync(new URL('../../../docs/contexts/ordering.md', import.meta.url), 'utf8');

describe('docs/contexts/ordering.md stays true (ORD-2, ORD-6)', () => {
  it('ORD-2: the goods and service diagrams draw exactly the transition tables', () => {
    expect(diagramEdges(page, 'GOODS_ORDER_TRANSITIONS')).toEqual(tableEdges(GOODS_ORDER_TRANSITIONS));
    expect(diagramEdges(page, 'SERVICE_ORDER_TRANSITIONS')).toEqual(tableEdges(SERVICE_ORDER_TRANSITIONS));
  });

  it('ORD-6: the stage table lists every stage with its action and stock effect', () => {
    for (const [stage, d] of Object.entries(CANCELLATION_BY_STAGE)) {
      const row = page.split('\n').find((l) => l.startsWith(`| \`${stage}\` |`));
      expect(row, stage).toBeDefined();
      expect(row).toContain(`\`${d.action}\``);
      expect(row).toContain(`\`${d.stock}\``);
    }
  });
});
