import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../adapters/demo/index.js';
import { DEMO_FREIGHT_SHOP } from '../../adapters/demo/freight-demo.js';
import { freightRoutes } from '../../adapters/http/express/freight/index.js';
import { startTestServer, twoTeaSkus, type TestServer } from '../support/http.js';
import { R, rate } from '../domain/freight/freight-mothers.js';

const SHOP = 'shop-1';

describe('freight over HTTP (templates, shop settings, SKU assignments, quotes)', () => {
  let s: TestServer;
  let logistics: string;
  let skuA: string;
  let skuB: string;
  beforeAll(async () => {
    s = await startTestServer();
    logistics = s.token({ subject: 'shipper', kind: 'staff', roles: ['logistics'] });
    [skuA, skuB] = await twoTeaSkus(s.zt);
  });
  afterAll(() => s.close());

  const call = (method: string, path: string, body?: unknown, token = logistics) => s.request(method, path, { ...(body !== undefined ? { body } : {}), token });
  /** Everything freight stores for the shop and the two SKUs: to show nothing was written. */
  const stored = async () => {
    const templates = await s.zt.freight.listTemplates({});
    const settings = await s.zt.freight.getShopSettings({ shopId: SHOP });
    const skus = await Promise.all(templates.map((t) => s.zt.freight.templateSkus({ templateId: t.id })));
    return JSON.stringify({ templates, settings, skus });
  };
  const expectProblem = (res: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  };
  const tenTemplate = { shopId: SHOP, name: 'by ten', chargeBy: 'piece', defaultRate: rate(10, '10.00', 10, '20.00') };

  it('creates templates, assigns SKUs, sets the shop mode and quotes with explanations (spec §7, FRT-1)', async () => {
    const created = await call('POST', '/admin/freight/templates', tenTemplate);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      shopId: SHOP,
      name: 'by ten',
      chargeBy: 'piece',
      version: 1,
      overridesShop: false,
      defaultRate: { firstUnits: '10', firstPrice: '10.00' },
    });
    const ten = created.body;
    const bulky = (
      await call('POST', '/admin/freight/templates', {
        ...tenTemplate,
        name: 'bulky',
        chargeBy: 'volume',
        defaultRate: rate('0.1', '30.00', '0.1', '10.00'),
        overridesShop: true,
      })
    ).body;
    expect((await call('GET', `/admin/freight/templates?shopId=${SHOP}`)).body.map((t: any) => t.name)).toEqual(['bulky', 'by ten']);
    expect((await call('GET', `/admin/freight/templates/${ten.id}`)).body.id).toBe(ten.id);

    expect((await call('PUT', '/admin/freight/sku-templates', { templateId: ten.id, skuIds: [skuA] })).body).toEqual({ templateId: ten.id, skuIds: [skuA] });
    await call('PUT', '/admin/freight/sku-templates', { templateId: bulky.id, skuIds: [skuB] });
    expect((await call('GET', `/admin/freight/templates/${ten.id}/skus`)).body).toEqual({ templateId: ten.id, skuIds: [skuA] });

    const q = await call('POST', '/admin/freight/quote', { shopId: SHOP, address: R.xihu, lines: [{ skuId: skuA, quantity: 12, amount: '12.00' }] });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ mode: 'per_item', combination: 'sum', subtotal: '30.00', deduction: '0.00', total: '30.00', carrierCost: null });
    expect(q.body.groups).toEqual([
      expect.objectContaining({
        kind: 'template',
        templateId: ten.id,
        quantity: 12,
        units: '12',
        fee: '30.00',
        charged: '30.00',
        rate: expect.objectContaining({ matched: { source: 'default', index: null, regions: [] } }),
      }),
    ]);

    const settings = await call('PUT', `/admin/freight/shops/${SHOP}/settings`, {
      mode: 'mixed',
      combination: 'sum',
      shopTemplate: { defaultRate: { fee: '10.00', freeOver: '69.00' } },
    });
    expect(settings.body).toMatchObject({ id: SHOP, mode: 'mixed', version: 1, shopTemplate: { defaultRate: { fee: '10.00', freeOver: '69.00' } } });
    expect((await call('GET', `/admin/freight/shops/${SHOP}/settings`)).body.version).toBe(1);
    const mixed = await call('POST', '/admin/freight/quote', {
      shopId: SHOP,
      address: R.xihu,
      shippingDeduction: '5.00',
      lines: [
        { skuId: skuA, quantity: 12, amount: '60.00' },
        { skuId: skuB, quantity: 1, amount: '20.00', volume: '0.05' },
      ],
    });
    // FRT-1: 80.00 reaches 69.00 — the by-ten lines ship free at shop level, the bulky template still pays 30.00.
    expect(mixed.body.shopCheck).toMatchObject({ free: true, orderAmount: '80.00' });
    expect(mixed.body.groups.map((g: any) => [g.kind, g.charged])).toEqual([
      ['shop', '0.00'],
      ['template', '30.00'],
    ]);
    expect([mixed.body.subtotal, mixed.body.deduction, mixed.body.total]).toEqual(['30.00', '5.00', '25.00']);

    const patched = await call('PATCH', `/admin/freight/templates/${ten.id}`, { regionRates: [{ regions: [R.xinjiang], rate: rate(1, '30.00', 1, '5.00') }] });
    expect(patched.body).toMatchObject({ version: 2, regionRates: [{ regions: [R.xinjiang] }] });
  });

  it.each([
    [
      'overlapping region rules',
      'POST',
      '/admin/freight/templates',
      {
        ...tenTemplate,
        regionRates: [
          { regions: [R.zhejiang], rate: rate(1, '1.00', 1, '1.00') },
          { regions: [R.xihu], rate: rate(1, '1.00', 1, '1.00') },
        ],
      },
      422,
      'FREIGHT.OVERLAPPING_REGIONS',
    ],
    ['a negative first price', 'POST', '/admin/freight/templates', { ...tenTemplate, defaultRate: rate(1, '-1.00', 1, '1.00') }, 422, 'FREIGHT.INVALID_PRICE'],
    ['an unknown field', 'POST', '/admin/freight/templates', { ...tenTemplate, colour: 'red' }, 400, 'VALIDATION.FAILED'],
    ['shop mode without a shop template', 'PUT', `/admin/freight/shops/${SHOP}/settings`, { mode: 'shop' }, 422, 'FREIGHT.SHOP_TEMPLATE_REQUIRED'],
    ['an unknown SKU', 'PUT', '/admin/freight/sku-templates', { templateId: null, skuIds: ['nope'] }, 404, 'FREIGHT.UNKNOWN_SKU'],
    ['an unknown template', 'PATCH', '/admin/freight/templates/nope', { name: 'x' }, 404, 'FREIGHT.TEMPLATE_NOT_FOUND'],
    [
      'an address without a region',
      'POST',
      '/admin/freight/quote',
      { shopId: SHOP, address: '', lines: [{ skuId: 'x', quantity: 1, amount: '1.00', templateId: null }] },
      422,
      'FREIGHT.INVALID_ADDRESS',
    ],
    [
      'quantity 0',
      'POST',
      '/admin/freight/quote',
      { shopId: SHOP, address: R.xihu, lines: [{ skuId: 'x', quantity: 0, amount: '1.00', templateId: null }] },
      422,
      'QUANTITY.INVALID',
    ],
    ['reading an unknown template', 'GET', '/admin/freight/templates/nope', undefined, 404, 'FREIGHT.TEMPLATE_NOT_FOUND'],
    ['the SKUs of an unknown template', 'GET', '/admin/freight/templates/nope/skus', undefined, 404, 'FREIGHT.TEMPLATE_NOT_FOUND'],
    ['assigning an unknown template', 'PUT', '/admin/freight/sku-templates', { templateId: 'nope', skuIds: ['x'] }, 404, 'FREIGHT.TEMPLATE_NOT_FOUND'],
    ['assigning no SKU', 'PUT', '/admin/freight/sku-templates', { templateId: null, skuIds: [] }, 422, 'FREIGHT.INVALID_TEMPLATE'],
    [
      'a free-shipping rule without a condition',
      'POST',
      '/admin/freight/templates',
      { ...tenTemplate, freeRules: [{ regions: [R.xihu] }] },
      422,
      'FREIGHT.INVALID_FREE_RULE',
    ],
    [
      'overlapping shop template regions',
      'PUT',
      `/admin/freight/shops/${SHOP}/settings`,
      {
        mode: 'shop',
        shopTemplate: {
          defaultRate: { fee: '1.00' },
          regionRates: [
            { regions: [R.zhejiang], rate: { fee: '2.00' } },
            { regions: [R.hangzhou], rate: { fee: '3.00' } },
          ],
        },
      },
      422,
      'FREIGHT.OVERLAPPING_REGIONS',
    ],
    ['a quote without lines', 'POST', '/admin/freight/quote', { shopId: SHOP, address: R.xihu, lines: [] }, 422, 'FREIGHT.NO_LINES'],
    [
      'a quote naming an unknown template',
      'POST',
      '/admin/freight/quote',
      { shopId: SHOP, address: R.xihu, lines: [{ skuId: 'x', quantity: 1, amount: '1.00', templateId: 'nope' }] },
      422,
      'FREIGHT.UNKNOWN_TEMPLATE',
    ],
    [
      'a weight that is not a number',
      'POST',
      '/admin/freight/quote',
      { shopId: SHOP, address: R.xihu, lines: [{ skuId: 'x', quantity: 1, amount: '1.00', weight: 'heavy', templateId: null }] },
      422,
      'FREIGHT.INVALID_MEASURE',
    ],
  ])('%s is a 4xx problem+json with its code, and nothing is written', async (_, method, path, body, status, code) => {
    const before = await stored();
    expectProblem(await call(method, path, body), status, code);
    expect(await stored()).toBe(before);
  });

  it('FREIGHT.MISSING_VOLUME: a volume template on a SKU without volume', async () => {
    const bulky = (await s.zt.freight.listTemplates({ shopId: SHOP })).find((t) => t.name === 'bulky')!;
    const res = await call('POST', '/admin/freight/quote', {
      shopId: SHOP,
      address: R.xihu,
      lines: [{ skuId: skuB, quantity: 1, amount: '1.00', templateId: bulky.id }],
    });
    expectProblem(res, 422, 'FREIGHT.MISSING_VOLUME');
    expect(res.body.details).toEqual({ skuId: skuB });
  });

  it('free-shipping rules, regional shop rates and a carrier cost table come back as documented, and the quote explains them (spec §7)', async () => {
    const other = 'shop-2';
    const created = await call('POST', '/admin/freight/templates', {
      shopId: other,
      name: 'by weight',
      chargeBy: 'weight',
      defaultRate: rate(1, '12.00', 1, '5.00'),
      regionRates: [{ regions: [R.xinjiang], rate: rate(1, '25.00', 1, '15.00') }],
      freeRules: [{ regions: [R.zhejiang], minAmount: '99.00', minQuantity: 2, combine: 'and' }, { minQuantity: 10 }],
    });
    expect([created.status, created.body.freeRules]).toEqual([
      201,
      [
        { regions: [R.zhejiang], minAmount: '99.00', minQuantity: 2, combine: 'and' },
        { regions: [], minAmount: null, minQuantity: 10, combine: 'and' },
      ],
    ]);
    const body = {
      mode: 'mixed',
      combination: 'max',
      shopTemplate: { defaultRate: { fee: '10.00', freeOver: '69.00' }, regionRates: [{ regions: [R.xinjiang], rate: { fee: '20.00' } }] },
      carrierCost: { chargeBy: 'weight', defaultRate: rate(1, '6.00', 1, '2.00') },
    };
    const set = await call('PUT', `/admin/freight/shops/${other}/settings`, body);
    expect(set.body).toEqual({
      id: other,
      mode: 'mixed',
      combination: 'max',
      version: 1,
      shopTemplate: { defaultRate: { fee: '10.00', freeOver: '69.00' }, regionRates: [{ regions: [R.xinjiang], rate: { fee: '20.00', freeOver: null } }] },
      carrierCost: { chargeBy: 'weight', defaultRate: { firstUnits: '1', firstPrice: '6.00', additionalUnits: '1', additionalPrice: '2.00' }, regionRates: [] },
    });
    expect((await call('GET', `/admin/freight/shops/${other}/settings`)).body).toEqual(set.body);
    // 2 × 0.9 kg to Urumqi: the shop's Xinjiang rate never ships free, so the template's Xinjiang rate
    // charges 25.00 + ⌈0.8⌉ × 15.00; its rule for everywhere asks 10 pieces; the carrier costs 6.00 + 2.00, apart.
    const q = await call('POST', '/admin/freight/quote', {
      shopId: other,
      address: R.urumqi,
      lines: [{ skuId: skuA, quantity: 2, amount: '50.00', weight: '0.9', templateId: created.body.id }],
    });
    expect(q.body.shopCheck).toEqual({
      matched: { source: 'region', index: 0, regions: [R.xinjiang] },
      rate: { fee: '20.00', freeOver: null },
      orderAmount: '50.00',
      free: false,
    });
    expect(q.body.groups.map((g: any) => [g.units, g.fee, g.free])).toEqual([
      ['1.8', '40.00', { source: 'template', index: 1, regions: [], minAmount: null, minQuantity: 10, combine: 'and', met: false }],
    ]);
    expect([q.body.total, q.body.carrierCost]).toEqual(['40.00', '8.00']);
  });

  it('a member token, or staff without the logistics role, is 403; no token is 401', async () => {
    expectProblem(await call('GET', '/admin/freight/templates', undefined, s.memberToken), 403, 'AUTH.FORBIDDEN');
    expectProblem(await call('POST', '/admin/freight/templates', tenTemplate, s.staffToken), 403, 'AUTH.FORBIDDEN');
    const admin = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    expect((await call('GET', '/admin/freight/templates', undefined, admin)).status).toBe(200);
    expect((await s.request('GET', '/admin/freight/templates')).status).toBe(401);
  });

  it('every freight route is in the OpenAPI document', async () => {
    const doc = (await s.request('GET', '/openapi.json')).body;
    for (const r of freightRoutes) {
      const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method], `${r.method} ${path}`).toMatchObject({ 'x-roles': ['logistics'] });
    }
    expect(freightRoutes).toHaveLength(9);
  });
});

describe('freight demo data', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    await seedDemo(s.zt);
    await seedDemo(s.zt); // idempotent
  });
  afterAll(() => s.close());

  it('seeds a per-piece template, a per-weight one with a remote-region rule and "free over 69.00, else 10.00", once', async () => {
    const templates = await s.zt.freight.listTemplates({ shopId: DEMO_FREIGHT_SHOP });
    expect(templates.map((t) => [t.chargeBy, t.regionRates.length, t.version])).toEqual([
      ['piece', 0, 1],
      ['weight', 1, 1],
    ]);
    const settings = await s.zt.freight.getShopSettings({ shopId: DEMO_FREIGHT_SHOP });
    expect(settings).toMatchObject({ mode: 'mixed', version: 1 });
    const milk = await s.zt.freight.templateSkus({ templateId: templates[1]!.id });
    expect(milk.skuIds.length).toBeGreaterThan(0);
    const quote = (address: string, amount: string) =>
      s.zt.freight.quote({ shopId: DEMO_FREIGHT_SHOP, address, lines: [{ skuId: milk.skuIds[0]!, quantity: 2, amount, weight: '0.9' }] });
    expect((await quote(R.xihu, '68.99')).total.toString()).toBe('17.00'); // 1.8 kg: 12.00 + 5.00, below 69.00
    expect((await quote(R.xihu, '69.00')).total.toString()).toBe('0.00'); // free at shop level
    expect((await quote(R.urumqi, '68.99')).total.toString()).toBe('40.00'); // remote: 25.00 + 15.00
    expect((await quote(R.xihu, '68.99')).carrierCost!.toString()).toBe('8.00'); // kept apart
  });
});
