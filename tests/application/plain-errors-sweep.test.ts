// Issue #12 finding 4's sweep: inputs an embedding application can send (no HTTP schema in front) that
// threw a plain Error — a 500 over HTTP — are business rejections with stable codes.
import { describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { warehouseFields } from '../domain/dispatch/dispatch-mothers.js';

const rejection = async (run: () => Promise<unknown>) => {
  const e = await Promise.resolve()
    .then(run)
    .then(
      () => null,
      (x: unknown) => x,
    );
  return e instanceof DomainError ? [e.kind, e.code] : e;
};

describe('bad input that threw plain Errors', () => {
  it('a warehouse status outside the list is DISPATCH.INVALID_STATUS, and no warehouse is created', async () => {
    const zt = createZhongtai();
    expect(await rejection(() => zt.dispatch.createWarehouse({ ...warehouseFields('HZ'), status: 'closed' as never }))).toEqual([
      'invalid',
      'DISPATCH.INVALID_STATUS',
    ]);
    expect(await zt.dispatch.listWarehouses({})).toEqual([]);
  });

  it('a cart owner that is neither a member nor a guest, or has no id, is CART.INVALID_OWNER', async () => {
    const zt = createZhongtai();
    for (const owner of [
      { kind: 'shop', id: 's1' },
      { kind: 'member', id: '' },
      { kind: 'member', id: 'x'.repeat(129) },
    ]) {
      expect(await rejection(() => zt.cart.view({ owner: owner as never }))).toEqual(['invalid', 'CART.INVALID_OWNER']);
    }
  });
});
