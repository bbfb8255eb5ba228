// checkout: checkout previews/s (`POST /me/checkout/preview`, issue #5 item 3) for a member's 20-line cart
// from 3 shops, through the full stack on PostgreSQL, beside a bare Express 5 handler that parses the same
// request body and answers the same JSON from memory; same client, same concurrency, same run.
// The cart: 7 lines of brand A (满300减40 on the shop, mixed freight "free over 69.00, else 10.00"), 7 of
// brand B (per-piece freight template), 6 of the platform's shop (shop freight 6.00, free over 999.00);
// one warehouse with stock of everything; the member holds a platform 满500减50 and B's shipping coupon
// ('recommended' picks them). Options: --seconds N (default 5), --concurrency N (default 16).
// Uses DATABASE_URL, else the local server postgres://postgres@127.0.0.1:5432/postgres; a scratch database is made and dropped.
import { createBenchWarehouse, DISTRICT as XIHU } from './lib/bench-catalog.mjs';
import { load, printLoad } from './lib/load.mjs';
import { numberOption, openZhongtai, withScratchDatabase } from './lib/options.mjs';
import { startServer } from './lib/servers.mjs';
import { BENCH_SECRET } from './lib/secret.mjs';

const MEMBER = 'bench-member';

async function seed(zt) {
  const now = Date.now();
  const leaf = await zt.catalog.createCategory({ name: 'Goods' });
  const brandA = (await zt.catalog.createBrand({ nameZh: '甲 A' })).id;
  const brandB = (await zt.catalog.createBrand({ nameZh: '乙 B' })).id;
  const hz = await createBenchWarehouse(zt);
  const skus = [];
  const shops = [
    [brandA, 7, 45],
    [brandB, 7, 25],
    [null, 6, 80],
  ];
  let n = 0;
  for (const [brandId, count, base] of shops) {
    for (let i = 0; i < count; i++) {
      n += 1;
      const spu = await zt.catalog.createSpu({
        code: `BENCH-${n}`,
        title: `Bench product ${n}`,
        categoryId: leaf.id,
        salePrice: `${base + i * 3}.90`,
        ...(brandId ? { brandId } : {}),
      });
      await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
      const skuId = spu.skus[0].id;
      await zt.inventory.receivePurchase({ warehouseId: hz, skuId, location: 'A-01-01', quantity: 100_000, fromInTransit: false, reference: `receipt-${n}` });
      skus.push({ skuId, brandId });
    }
  }
  const a = await zt.promotions.createActivity({
    name: '店铺满300减40',
    rule: { kind: 'full_reduction', rule: { mode: 'tiered', tiers: [{ threshold: '300.00', off: '40.00' }] } },
    scope: { kind: 'shops', ids: [brandA] },
    startsAt: new Date(now + 1000),
    endsAt: new Date(now + 7 * 24 * 3600_000),
  });
  await zt.promotions.submitActivity({ activityId: a.id, by: 'bench' });
  await zt.promotions.approveActivity({ activityId: a.id, by: 'bench-reviewer' });
  const rate = (firstUnits, firstPrice, additionalUnits, additionalPrice) => ({ firstUnits, firstPrice, additionalUnits, additionalPrice });
  await zt.freight.setShopSettings({ shopId: brandA, mode: 'mixed', combination: 'sum', shopTemplate: { defaultRate: { fee: '10.00', freeOver: '69.00' } } });
  const byPiece = await zt.freight.createTemplate({ shopId: brandB, name: 'by piece', chargeBy: 'piece', defaultRate: rate(1, '8.00', 1, '2.00') });
  await zt.freight.assignTemplate({ templateId: byPiece.id, skuIds: skus.filter((s) => s.brandId === brandB).map((s) => s.skuId) });
  await zt.freight.setShopSettings({
    shopId: 'platform',
    mode: 'shop',
    combination: 'sum',
    shopTemplate: { defaultRate: { fee: '6.00', freeOver: '999.00' } },
  });
  const template = (fields) =>
    zt.coupons.createTemplate({
      validity: { kind: 'relative', days: 30 },
      claimWindow: { startsAt: new Date(now - 3600_000), endsAt: new Date(now + 24 * 3600_000) },
      totalQuantity: 100,
      ...fields,
    });
  await zt.coupons.claim({ templateId: (await template({ name: '满500减50', kind: 'threshold', amount: '50.00', threshold: '500.00' })).id, memberId: MEMBER });
  await zt.coupons.claim({
    templateId: (await template({ name: 'B 运费券 5', kind: 'shipping', amount: '5.00', issuer: { kind: 'shop', shopId: brandB } })).id,
    memberId: MEMBER,
  });
  for (const [i, s] of skus.entries()) await zt.cart.add({ owner: { kind: 'member', id: MEMBER }, skuId: s.skuId, quantity: 1 + (i % 3) });
  // The activity starts a second after it was created (a start in the past is refused): wait for it.
  await new Promise((r) => setTimeout(r, Math.max(0, now + 1100 - Date.now())));
}

export async function main(args) {
  const seconds = numberOption(args, 'seconds', 5);
  const concurrency = numberOption(args, 'concurrency', 16);
  await withScratchDatabase(async (url) => {
    const databaseUrl = url.toString();
    const { signToken } = await import('../dist/adapters/http/express/index.js');
    const zt = await openZhongtai(databaseUrl);
    await seed(zt);
    await zt.close();

    const path = '/me/checkout/preview';
    const token = signToken({ subject: MEMBER, kind: 'member', roles: [] }, BENCH_SECRET);
    const request = {
      method: 'POST',
      body: JSON.stringify({ address: XIHU, coupons: 'recommended' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    };
    const full = await startServer('./full-stack-server.mjs', { BENCH_DATABASE_URL: databaseUrl });
    const first = await fetch(`http://127.0.0.1:${full.port}${path}`, request);
    const body = await first.json();
    if (first.status !== 200) throw new Error(`the checkout preview failed: ${JSON.stringify(body)}`);
    const shops = new Set(body.lines.map((l) => l.shopId)).size;
    if (body.lines.length !== 20 || shops !== 3) throw new Error(`expected 20 lines from 3 shops, got ${body.lines.length} from ${shops}`);
    const bare = await startServer('./bare-express-server.mjs', { BENCH_BODY: JSON.stringify(body) });
    const bareText = await (await fetch(`http://127.0.0.1:${bare.port}${path}`, request)).text();
    if (bareText.length !== JSON.stringify(body).length) throw new Error('the servers do not answer the same-sized JSON');

    const run = (port, s) => load({ url: `http://127.0.0.1:${port}${path}`, concurrency, seconds: s, ...request });
    for (const side of [full, bare]) await run(side.port, 1); // warm-up
    const fullStack = await run(full.port, seconds);
    const bareExpress = await run(bare.port, seconds);
    for (const side of [full, bare]) await side.stop();

    printLoad('checkout preview, PostgreSQL', fullStack);
    printLoad('bare Express 5, same JSON', bareExpress);
    console.log(
      JSON.stringify({
        bench: 'checkout',
        lines: body.lines.length,
        shops,
        childOrders: body.childOrders.length,
        responseBytes: bareText.length,
        concurrency,
        seconds,
        checkoutPreviewsPerSecond: Math.round(fullStack.rps),
        bareExpressRps: Math.round(bareExpress.rps),
        checkoutP50Ms: Number(fullStack.p50ms.toFixed(2)),
        checkoutP99Ms: Number(fullStack.p99ms.toFixed(2)),
        failed: fullStack.failed + bareExpress.failed,
        ratio: Number((fullStack.rps / bareExpress.rps).toFixed(4)),
      }),
    );
  });
}
