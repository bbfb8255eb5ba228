/** Keeps docs/contexts/payment.md true: its state diagram and its PAY-3 table are checked against the code. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAYMENT_TRANSITIONS } from '../../../domain/payment/payment.js';
import { DISCREPANCY_KINDS } from '../../../domain/payment/reconciliation.js';
import { diagramEdges, tableEdges } from '../../support/diagram.js';

const page = readFileSync(new URL('../../../docs/contexts/payment.md', import.meta.url), 'utf8');

describe('docs/contexts/payment.md stays true (§10, PAY-3)', () => {
  it('the diagram draws exactly PAYMENT_TRANSITIONS', () => {
    expect(diagramEdges(page, 'PAYMENT_TRANSITIONS')).toEqual(tableEdges(PAYMENT_TRANSITIONS));
  });

  it('PAY-3: the page names the six discrepancy kinds', () => {
    for (const k of DISCREPANCY_KINDS) expect(page).toContain(`| \`${k}\` |`);
  });
});
