import { describe, expect, it } from 'vitest';
import { fakePaymentChannel } from '../../adapters/channels/payment/fake-channel.js';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { seedDemo } from '../../adapters/demo/index.js';
import { DISCREPANCY_KINDS } from '../../domain/payment/index.js';

describe('the reconciliation demo (issue #16)', () => {
  it('runs one day of the fake channel with one discrepancy of each kind, once', { timeout: 60_000 }, async () => {
    const zt = createZhongtai({ ordering: { channels: [fakePaymentChannel()] } });
    await seedDemo(zt);
    await seedDemo(zt);
    const runs = await zt.reconciliation.listRuns({ channel: 'fake' });
    expect(runs).toHaveLength(1);
    expect(Object.values(runs[0]!.report.discrepancies).map((t) => t.count)).toEqual(DISCREPANCY_KINDS.map(() => 1));
    expect(runs[0]!.report.matched.payment.count).toBeGreaterThanOrEqual(3);
    const cases = await zt.reconciliation.searchCases({ channel: 'fake', state: 'open' });
    expect(cases.map((c) => c.kind).sort()).toEqual([...DISCREPANCY_KINDS].sort());
  });
});
