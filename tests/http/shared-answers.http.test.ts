// Issue #12 (catalog-read bench): the product detail is answered from the read cache's shared object, its
// JSON made once per object. The answers must stay what they were: the contract's wire form, and a change
// shown at once (the cache drops the product, so the next request gets a new object and new JSON).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai, type Zhongtai } from '../../adapters/container/create-zhongtai.js';
import { createApp, Hs256Authenticator, silentLogger } from '../../adapters/http/express/index.js';
import { mikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';

let zt: Zhongtai;
let base: string;
let close: () => Promise<void>;
let spuId: string;
let skuId: string;

beforeAll(async () => {
  zt = createZhongtai({ persistence: await mikroOrmPersistence({ dataDir: 'memory://', readCacheTtlMs: 60_000 }) });
  const leaf = await zt.catalog.createCategory({ name: 'Tea' });
  const spu = await zt.catalog.createSpu({ code: 'TEA-1', title: 'Longjing 250g', categoryId: leaf.id, salePrice: '128.00' });
  await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
  spuId = spu.id;
  skuId = spu.skus[0]!.id;
  const app = createApp({ zhongtai: zt, authenticator: new Hs256Authenticator('s'.repeat(32)), logger: silentLogger, checkResponses: true });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await zt.close();
  };
});
afterAll(() => close?.());

describe('GET /catalog/spus/:spuId answered from the shared cached detail', () => {
  it('answers the same JSON as the detail itself, as application/json; a price change shows on the next request', async () => {
    const first = await fetch(`${base}/catalog/spus/${spuId}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await first.text();
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(await zt.catalog.queries.spu(spuId))));
    expect(JSON.parse(text).skus[0].salePrice).toBe('128.00');
    expect(await (await fetch(`${base}/catalog/spus/${spuId}`)).text()).toBe(text);

    await zt.catalog.changeSkuPrice({ spuId, skuId, salePrice: '99.00' });
    const changed = (await (await fetch(`${base}/catalog/spus/${spuId}`)).json()) as { skus: { salePrice: string }[] };
    expect(changed.skus[0]!.salePrice).toBe('99.00');
  });
});
