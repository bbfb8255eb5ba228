import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhongtai } from '../../adapters/container/create-zhongtai.js';
import { allRoutes, createRouter, Hs256Authenticator, keyId, route, signToken, silentLogger, type Identity } from '../../adapters/http/express/index.js';
import type { Clock } from '../../domain/shared/ports.js';
import { startTestServer, TEST_SECRET, type TestServer } from '../support/http.js';
import { rawToken } from '../support/tokens.js';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type Res = Awaited<ReturnType<TestServer['request']>>;

let unique = 0;
/** A fresh tag for names and codes, so tests sharing a server never collide. */
const nextTag = (): string => `T${++unique}X${Date.now().toString(36).toUpperCase()}`;

/** Fails with the response body when the status is not the expected one (readable failures). */
function ok(res: Res, status = 200): any {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A staff call with the catalog role; `status` is the expected success status. */
async function staff(s: TestServer, method: string, path: string, body?: unknown, status?: number): Promise<any> {
  const res = await s.request(method, path, { ...(body !== undefined ? { body } : {}), token: s.staffToken });
  return ok(res, status ?? (method === 'POST' && !path.endsWith('/listing') ? 201 : method === 'DELETE' ? 204 : 200));
}

/** Asserts an RFC 9457 answer: the status (a 4xx, never 500), media type, stable code, requestId and instance. */
function expectProblem(res: Res, status: number, code: string, instance?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
  expect(res.body.status).toBe(status);
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
  expect(res.body.type).toMatch(/^https:\/\//);
  expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
  expect(typeof res.body.instance).toBe('string');
  if (instance !== undefined) expect(res.body.instance).toBe(instance);
}

interface CatalogState {
  readonly counts: { categories: number; brands: number; spus: number; frontCategories: number };
  /** Everything the read side shows, serialized: catches updates as well as inserts and deletes. */
  readonly fingerprint: string;
}

async function allPages<T>(read: (p: { page: number; size: number }) => Promise<{ items: readonly T[]; total: number }>) {
  const items: T[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const p = await read({ page, size: 100 });
    total = p.total;
    items.push(...p.items);
    if (items.length >= p.total || p.items.length === 0) break;
  }
  return { items, total };
}

/** Row counts of the catalog tables as the read side reports them, plus a fingerprint of all rows. */
async function catalogState(s: TestServer): Promise<CatalogState> {
  const q = s.zt.catalog.queries;
  const tree = await q.categoryTree();
  const countNodes = (nodes: readonly { children: readonly unknown[] }[]): number =>
    nodes.reduce((n, c) => n + 1 + countNodes(c.children as { children: unknown[] }[]), 0);
  const brands = await allPages((p) => q.brands(p));
  const spus = await allPages((p) => q.searchSpus({}, p));
  const details = await Promise.all(spus.items.map((x) => q.spu(x.id)));
  const fronts = await q.frontCategories();
  return {
    counts: { categories: countNodes(tree), brands: brands.total, spus: spus.total, frontCategories: fronts.length },
    fingerprint: JSON.stringify({ tree, brands, details, fronts }),
  };
}

/** Sends a write that must be rejected; asserts the problem and that no row was added, removed or changed. */
async function rejectedWrite(s: TestServer, send: () => Promise<Res>, status: number, code: string): Promise<Res> {
  const before = await catalogState(s);
  const res = await send();
  expectProblem(res, status, code);
  const after = await catalogState(s);
  expect(after.counts).toEqual(before.counts);
  expect(after.fingerprint).toBe(before.fingerprint);
  return res;
}

const LEAF_ATTRIBUTES = [
  { id: 'model', name: 'Model', kind: 'key', required: true, input: 'text' },
  { id: 'color', name: 'Colour', kind: 'sales', required: true, input: 'single', options: ['Red', 'Blue', 'Green'] },
  { id: 'size', name: 'Size', kind: 'sales', input: 'single', options: ['S', 'M', 'L'] },
  { id: 'material', name: 'Material', kind: 'product', input: 'single', options: ['Cotton', 'Wool'] },
] as const;

interface Fixture {
  readonly tag: string;
  /** Level 1 → 2 → 3: root › mid › leaf; `otherLeaf` is a second leaf under root. */
  readonly rootId: string;
  readonly midId: string;
  readonly leafId: string;
  readonly otherLeafId: string;
  /** Linked to the root category, so it may be used anywhere below it. */
  readonly brandId: string;
}

/** Builds, through the staff routes, a 3-level category tree with attribute templates on the leaf and a linked brand. */
async function catalogFixture(s: TestServer): Promise<Fixture> {
  const tag = nextTag();
  const root = await staff(s, 'POST', '/admin/catalog/categories', { name: `${tag} Apparel`, sort: 1 });
  const mid = await staff(s, 'POST', '/admin/catalog/categories', { name: `${tag} Tops`, parentId: root.id });
  const leaf = await staff(s, 'POST', '/admin/catalog/categories', { name: `${tag} T-shirts`, parentId: mid.id });
  const otherLeaf = await staff(s, 'POST', '/admin/catalog/categories', { name: `${tag} Scarves`, parentId: root.id });
  await staff(s, 'PATCH', `/admin/catalog/categories/${leaf.id}`, { attributes: LEAF_ATTRIBUTES });
  await staff(s, 'PATCH', `/admin/catalog/categories/${otherLeaf.id}`, {
    attributes: [{ id: 'material', name: 'Material', kind: 'product', input: 'single', options: ['Silk', 'Wool'] }],
  });
  const brand = await staff(s, 'POST', '/admin/catalog/brands', { nameZh: `${tag}牌`, nameEn: `${tag} Brand`, categoryIds: [root.id] });
  return { tag, rootId: root.id, midId: mid.id, leafId: leaf.id, otherLeafId: otherLeaf.id, brandId: brand.id };
}

let productNo = 0;
/** A valid create-SPU body on the fixture's leaf: Red/Blue × S, 99.00, material Cotton. */
function spuBody(fx: Fixture, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: `${fx.tag}-P${++productNo}`,
    title: `${fx.tag} Basic tee ${productNo}`,
    categoryId: fx.leafId,
    brandId: fx.brandId,
    attributes: { model: ['TEE-1'], material: ['Cotton'] },
    salesAttributes: [
      { attributeId: 'color', values: ['Red', 'Blue'] },
      { attributeId: 'size', values: ['S'] },
    ],
    salePrice: '99.00',
    ...over,
  };
}

const createSpu = (s: TestServer, fx: Fixture, over: Record<string, unknown> = {}) => staff(s, 'POST', '/admin/catalog/spus', spuBody(fx, over));
const listSpu = (s: TestServer, spuId: string) => staff(s, 'POST', `/admin/catalog/spus/${spuId}/listing`, { action: 'list' });
const codes = (page: { items: { code: string }[] }) => page.items.map((i) => i.code);

/** A JWT with any header and claims, signed (HS256) with the given secret, or unsigned. */
const nowSeconds = () => Math.floor(Date.now() / 1000);

// ---------------------------------------------------------------------------------------------
// 1. Happy paths
// ---------------------------------------------------------------------------------------------

describe('catalog over HTTP: staff happy paths and public reads', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('CAT-1: staff build a category tree of up to 4 levels; the public tree nests it with levels and leaf attributes', async () => {
    const fx = await catalogFixture(s);
    // Attribute templates live on leaves: a leaf that carries them cannot get a child until they are removed.
    const refused = await s.request('POST', '/admin/catalog/categories', {
      body: { name: `${fx.tag} Graphic tees`, parentId: fx.leafId },
      token: s.staffToken,
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'CATALOG.CATEGORY_HAS_ATTRIBUTES']);
    await staff(s, 'PATCH', `/admin/catalog/categories/${fx.leafId}`, { attributes: [] });
    const level4 = await staff(s, 'POST', '/admin/catalog/categories', { name: `${fx.tag} Graphic tees`, parentId: fx.leafId });
    expect(level4.path).toHaveLength(4);
    expect(level4.parentId).toBe(fx.leafId);

    const res = await s.request('GET', '/catalog/categories');
    expect(res.status).toBe(200);
    const root = res.body.find((n: { id: string }) => n.id === fx.rootId);
    expect(root).toMatchObject({ level: 1, parentId: null, name: `${fx.tag} Apparel`, sort: 1 });
    expect(root.children.map((c: { id: string }) => c.id).sort()).toEqual([fx.midId, fx.otherLeafId].sort());
    const mid = root.children.find((c: { id: string }) => c.id === fx.midId);
    expect(mid.level).toBe(2);
    expect(mid.children).toHaveLength(1);
    expect(mid.children[0]).toMatchObject({ id: fx.leafId, level: 3 });
    expect(mid.children[0].children[0]).toMatchObject({ id: level4.id, level: 4, children: [] });
  });

  it('CAT-1: attribute templates are defined on a leaf, with defaults filled in (required false, no options)', async () => {
    const fx = await catalogFixture(s);
    const updated = await staff(s, 'PATCH', `/admin/catalog/categories/${fx.leafId}`, {
      name: `${fx.tag} Tees`,
      attributes: [...LEAF_ATTRIBUTES, { id: 'care', name: 'Care', kind: 'other', input: 'text' }],
    });
    expect(updated.name).toBe(`${fx.tag} Tees`);
    expect(updated.attributes).toHaveLength(5);
    expect(updated.attributes.find((a: { id: string }) => a.id === 'care')).toEqual({
      id: 'care',
      name: 'Care',
      kind: 'other',
      required: false,
      input: 'text',
      options: [],
    });
    const tree = (await s.request('GET', '/catalog/categories')).body;
    const leaf = tree.find((n: { id: string }) => n.id === fx.rootId).children.find((c: { id: string }) => c.id === fx.midId).children[0];
    expect(leaf.attributes.map((a: { id: string }) => a.id)).toEqual(['model', 'color', 'size', 'material', 'care']);
    expect(leaf.attributes.find((a: { id: string }) => a.id === 'color')).toMatchObject({ kind: 'sales', required: true, options: ['Red', 'Blue', 'Green'] });
  });

  it('brands: a brand linked to a category is listed publicly and may be carried by products of descendant leaves', async () => {
    const fx = await catalogFixture(s);
    const brand = await staff(s, 'POST', '/admin/catalog/brands', {
      nameZh: `${fx.tag}星`,
      nameEn: 'Star',
      origin: 'CN',
      logoUrl: 'https://cdn.example.com/star.png',
      categoryIds: [fx.midId],
    });
    expect(brand).toMatchObject({ nameZh: `${fx.tag}星`, nameEn: 'Star', status: 'enabled', categoryIds: [fx.midId] });
    const brands = await allPages(async (p) => ok(await s.request('GET', `/catalog/brands?page=${p.page}&size=${p.size}`)));
    expect(brands.items.map((b: any) => b.id)).toContain(brand.id);

    // Linked to level 2: a product on the level-3 leaf below may carry it ...
    const spu = await createSpu(s, fx, { brandId: brand.id });
    expect(spu.brandId).toBe(brand.id);
    // ... but not a product of the other branch.
    const elsewhere = await s.request('POST', '/admin/catalog/spus', {
      token: s.staffToken,
      body: { title: 'Scarf', categoryId: fx.otherLeafId, brandId: brand.id, salePrice: '10.00' },
    });
    expectProblem(elsewhere, 422, 'CATALOG.BRAND_NOT_ALLOWED');

    const renamed = await staff(s, 'PATCH', `/admin/catalog/brands/${brand.id}`, { nameEn: 'Star Co.', status: 'disabled' });
    expect(renamed).toMatchObject({ nameEn: 'Star Co.', status: 'disabled', categoryIds: [fx.midId] });
  });

  it('SPU: SKUs are every combination of the sales attribute values, first attribute slowest, coded <SPU>-NN', async () => {
    const fx = await catalogFixture(s);
    const code = `${fx.tag}-TEE`;
    const spu = await createSpu(s, fx, {
      code,
      salesAttributes: [
        { attributeId: 'color', values: ['Red', 'Blue', 'Green'] },
        { attributeId: 'size', values: ['S', 'M'] },
      ],
      salePrice: '99.00',
      marketPrice: '129.00',
      skus: [{ specs: { color: 'Green', size: 'M' }, code: `${fx.tag}-GREEN-M`, salePrice: '109.00', marketPrice: null }],
      tags: [{ kind: 'service', name: '七天无理由退货' }],
    });
    expect(spu).toMatchObject({ code, status: 'draft', kind: 'standard', categoryId: fx.leafId, brandId: fx.brandId });
    expect(spu.categoryPath).toEqual([fx.rootId, fx.midId, fx.leafId]);
    expect(spu.skus).toHaveLength(6);
    expect(spu.skus.map((k: { specs: object }) => k.specs)).toEqual([
      { color: 'Red', size: 'S' },
      { color: 'Red', size: 'M' },
      { color: 'Blue', size: 'S' },
      { color: 'Blue', size: 'M' },
      { color: 'Green', size: 'S' },
      { color: 'Green', size: 'M' },
    ]);
    expect(spu.skus.map((k: { code: string }) => k.code)).toEqual([`${code}-01`, `${code}-02`, `${code}-03`, `${code}-04`, `${code}-05`, `${fx.tag}-GREEN-M`]);
    expect(spu.skus.map((k: { salePrice: string }) => k.salePrice)).toEqual(['99.00', '99.00', '99.00', '99.00', '99.00', '109.00']);
    expect(spu.skus[0].marketPrice).toBe('129.00');
    expect(spu.skus[5].marketPrice).toBeNull();
    expect(new Set(spu.skus.map((k: { id: string }) => k.id)).size).toBe(6);

    const detail = await staff(s, 'GET', `/admin/catalog/spus/${spu.id}`);
    expect(detail.skus.map((k: { code: string }) => k.code)).toEqual(spu.skus.map((k: { code: string }) => k.code));
    const search = await staff(s, 'GET', `/admin/catalog/spus?categoryId=${fx.leafId}&status=draft`);
    expect(search.items).toEqual([expect.objectContaining({ id: spu.id, skuCount: 6, platformPrice: '99.00', status: 'draft' })]);
  });

  it('combo: a combo SPU has one SKU made of existing SKUs × quantities', async () => {
    const fx = await catalogFixture(s);
    const a = await createSpu(s, fx);
    const b = await createSpu(s, fx, { salesAttributes: [{ attributeId: 'color', values: ['Green'] }] });
    const combo = await staff(s, 'POST', '/admin/catalog/combos', {
      code: `${fx.tag}-DUO`,
      title: `${fx.tag} Duo pack`,
      categoryId: fx.leafId,
      brandId: fx.brandId,
      attributes: { model: ['DUO'] },
      salePrice: '179.00',
      marketPrice: '198.00',
      components: [
        { skuId: a.skus[0].id, quantity: 1 },
        { skuId: b.skus[0].id, quantity: 2 },
      ],
    });
    expect(combo).toMatchObject({ kind: 'combo', code: `${fx.tag}-DUO`, status: 'draft', salesAttributes: [] });
    expect(combo.skus).toHaveLength(1);
    expect(combo.skus[0]).toMatchObject({
      code: `${fx.tag}-DUO-01`,
      salePrice: '179.00',
      marketPrice: '198.00',
      specs: {},
      components: [
        { skuId: a.skus[0].id, quantity: 1 },
        { skuId: b.skus[0].id, quantity: 2 },
      ],
    });
    const withCode = await staff(s, 'POST', '/admin/catalog/combos', {
      title: `${fx.tag} Trio`,
      categoryId: fx.leafId,
      attributes: { model: ['TRIO'] },
      skuCode: `${fx.tag}-TRIO-SKU`,
      salePrice: '250.00',
      components: [{ skuId: a.skus[1].id, quantity: 3 }],
    });
    expect(withCode.skus[0].code).toBe(`${fx.tag}-TRIO-SKU`);
  });

  it('prices: changing a SKU price shows in the detail, bumps the version and moves the platform price', async () => {
    const fx = await catalogFixture(s);
    const spu = await createSpu(s, fx, { salePrice: '99.00', marketPrice: '120.00' });
    const sku = spu.skus[1];
    const changed = await staff(s, 'PATCH', `/admin/catalog/spus/${spu.id}/skus/${sku.id}`, { salePrice: '89.50' });
    expect(changed.skus[1]).toMatchObject({ id: sku.id, salePrice: '89.50', marketPrice: '120.00' });
    expect(changed.skus[0].salePrice).toBe('99.00');
    expect(changed.version).toBeGreaterThan(spu.version);
    const cleared = await staff(s, 'PATCH', `/admin/catalog/spus/${spu.id}/skus/${sku.id}`, { marketPrice: null });
    expect(cleared.skus[1]).toMatchObject({ salePrice: '89.50', marketPrice: null });
    const detail = await staff(s, 'GET', `/admin/catalog/spus/${spu.id}`);
    expect(detail.skus[1].salePrice).toBe('89.50');
    const summary = await staff(s, 'GET', `/admin/catalog/spus?keyword=${encodeURIComponent(spu.code)}`);
    expect(summary.items).toEqual([expect.objectContaining({ id: spu.id, platformPrice: '89.50' })]);
    // Title, description and tags change through PATCH /spus/:id.
    const edited = await staff(s, 'PATCH', `/admin/catalog/spus/${spu.id}`, { title: `${fx.tag} Renamed`, tags: [{ kind: 'activity', name: 'Sale' }] });
    expect(edited).toMatchObject({ title: `${fx.tag} Renamed`, tags: [{ kind: 'activity', name: 'Sale' }] });
  });

  it('CAT-3: list and unlist now; the public routes show only listed products', async () => {
    const fx = await catalogFixture(s);
    const spu = await createSpu(s, fx);
    const publicIds = async () => (await s.request('GET', `/catalog/spus?categoryId=${fx.rootId}`)).body.items.map((i: { id: string }) => i.id);

    expectProblem(await s.request('GET', `/catalog/spus/${spu.id}`), 404, 'CATALOG.SPU_NOT_FOUND');
    expect(await publicIds()).toEqual([]);

    const listed = await listSpu(s, spu.id);
    expect(listed.status).toBe('listed');
    const detail = await s.request('GET', `/catalog/spus/${spu.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.skus).toHaveLength(2);
    expect(await publicIds()).toEqual([spu.id]);

    const unlisted = await staff(s, 'POST', `/admin/catalog/spus/${spu.id}/listing`, { action: 'unlist' });
    expect(unlisted.status).toBe('unlisted');
    expectProblem(await s.request('GET', `/catalog/spus/${spu.id}`), 404, 'CATALOG.SPU_NOT_FOUND');
    expect(await publicIds()).toEqual([]);
    // Staff still see it, with its status.
    expect((await staff(s, 'GET', `/admin/catalog/spus?categoryId=${fx.rootId}&status=unlisted`)).items.map((i: { id: string }) => i.id)).toEqual([spu.id]);

    expect((await listSpu(s, spu.id)).status).toBe('listed');
    expect(await publicIds()).toEqual([spu.id]);
  });

  it('front categories: mapped by category (with descendants), by attribute value and by brand; hidden and scheduled ones stay off the public list', async () => {
    const fx = await catalogFixture(s);
    const otherBrand = await staff(s, 'POST', '/admin/catalog/brands', { nameZh: `${fx.tag}羊`, categoryIds: [fx.otherLeafId] });
    const cotton = await createSpu(s, fx, { attributes: { model: ['C'], material: ['Cotton'] } });
    const wool = await createSpu(s, fx, { attributes: { model: ['W'], material: ['Wool'] } });
    const scarf = await staff(s, 'POST', '/admin/catalog/spus', {
      code: `${fx.tag}-SCARF`,
      title: `${fx.tag} Wool scarf`,
      categoryId: fx.otherLeafId,
      brandId: otherBrand.id,
      attributes: { material: ['Wool'] },
      salePrice: '59.00',
    });
    const draft = await createSpu(s, fx, { attributes: { model: ['D'], material: ['Wool'] } });
    for (const p of [cotton, wool, scarf]) await listSpu(s, p.id);

    const byCategory = await staff(s, 'POST', '/admin/catalog/front-categories', {
      name: `${fx.tag} Tops`,
      sort: 1,
      mappings: [{ kind: 'category', categoryId: fx.midId }],
    });
    const byAttribute = await staff(s, 'POST', '/admin/catalog/front-categories', {
      name: `${fx.tag} Wool tees`,
      parentId: byCategory.id,
      mappings: [{ kind: 'attribute', categoryId: fx.leafId, attributeId: 'material', value: 'Wool' }],
    });
    const byBrand = await staff(s, 'POST', '/admin/catalog/front-categories', {
      name: `${fx.tag} Brand hall`,
      mappings: [{ kind: 'brand', brandId: otherBrand.id }],
    });
    const mixed = await staff(s, 'POST', '/admin/catalog/front-categories', {
      name: `${fx.tag} Picks`,
      mappings: [
        { kind: 'spu', spuId: cotton.id },
        { kind: 'brand', brandId: otherBrand.id },
      ],
    });
    const hidden = await staff(s, 'POST', '/admin/catalog/front-categories', { name: `${fx.tag} Hidden`, visible: false });
    const later = await staff(s, 'POST', '/admin/catalog/front-categories', {
      name: `${fx.tag} Later`,
      visibleFrom: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const over = await staff(s, 'POST', '/admin/catalog/front-categories', {
      name: `${fx.tag} Over`,
      visibleFrom: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      visibleUntil: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(byAttribute.parentId).toBe(byCategory.id);

    const ids = async (frontCategoryId: string) =>
      (await s.request('GET', `/catalog/spus?frontCategoryId=${frontCategoryId}`)).body.items.map((i: { id: string }) => i.id).sort();
    expect(await ids(byCategory.id)).toEqual([cotton.id, wool.id].sort());
    expect(await ids(byAttribute.id)).toEqual([wool.id]); // the Wool draft is not listed
    expect(await ids(byBrand.id)).toEqual([scarf.id]);
    expect(await ids(mixed.id)).toEqual([cotton.id, scarf.id].sort());
    expect(draft.status).toBe('draft');

    const mine = (list: { id: string; name: string }[]) =>
      list
        .filter((f) => f.name.startsWith(fx.tag))
        .map((f) => f.id)
        .sort();
    const publicList = mine((await s.request('GET', '/catalog/front-categories')).body);
    expect(publicList).toEqual([byCategory.id, byAttribute.id, byBrand.id, mixed.id].sort());
    const adminList = mine(await staff(s, 'GET', '/admin/catalog/front-categories'));
    expect(adminList).toEqual([byCategory.id, byAttribute.id, byBrand.id, mixed.id, hidden.id, later.id, over.id].sort());

    // CAT-2: edited, hidden and deleted freely.
    const hiddenNow = await staff(s, 'PATCH', `/admin/catalog/front-categories/${byBrand.id}`, { visible: false, name: `${fx.tag} Brand hall 2` });
    expect(hiddenNow).toMatchObject({ visible: false, name: `${fx.tag} Brand hall 2` });
    await staff(s, 'DELETE', `/admin/catalog/front-categories/${mixed.id}`);
    expect(mine((await s.request('GET', '/catalog/front-categories')).body)).toEqual([byCategory.id, byAttribute.id].sort());
    expect((await s.zt.catalog.queries.frontCategories()).some((f) => f.id === mixed.id)).toBe(false);
  });

  it('search: by category with descendants, brand, price band, keyword and front category; listed only', async () => {
    const fx = await catalogFixture(s);
    const brand2 = await staff(s, 'POST', '/admin/catalog/brands', { nameZh: `${fx.tag}二` });
    const cheap = await createSpu(s, fx, { title: `${fx.tag} Cheap Tee`, salePrice: '19.90' });
    const mid = await createSpu(s, fx, { title: `${fx.tag} Classic Polo`, salePrice: '50.00', brandId: brand2.id });
    const dear = await createSpu(s, fx, {
      title: `${fx.tag} Premium tee`,
      salePrice: '300.00',
      skus: [{ specs: { color: 'Blue', size: 'S' }, salePrice: '199.00' }],
    });
    const scarf = await staff(s, 'POST', '/admin/catalog/spus', {
      code: `${fx.tag}-SC`,
      title: `${fx.tag} Scarf`,
      categoryId: fx.otherLeafId,
      salePrice: '50.00',
    });
    const hiddenDraft = await createSpu(s, fx, { title: `${fx.tag} Draft tee`, salePrice: '50.00' });
    for (const p of [cheap, mid, dear, scarf]) await listSpu(s, p.id);
    const front = await staff(s, 'POST', '/admin/catalog/front-categories', { name: `${fx.tag} F`, mappings: [{ kind: 'brand', brandId: brand2.id }] });

    const search = async (q: string) => {
      const res = await s.request('GET', `/catalog/spus?${q}`);
      return ok(res);
    };
    const idsOf = (page: { items: { id: string }[] }) => page.items.map((i) => i.id).sort();

    const all = await search(`categoryId=${fx.rootId}`);
    expect(idsOf(all)).toEqual([cheap.id, mid.id, dear.id, scarf.id].sort());
    expect(all.total).toBe(4);
    expect(idsOf(await search(`categoryId=${fx.midId}`))).toEqual([cheap.id, mid.id, dear.id].sort());
    expect(idsOf(await search(`categoryId=${fx.otherLeafId}`))).toEqual([scarf.id]);
    expect(idsOf(await search(`brandId=${fx.brandId}`))).toEqual([cheap.id, dear.id].sort());
    expect(idsOf(await search(`brandId=${brand2.id}`))).toEqual([mid.id]);
    // The platform price is the lowest SKU price (199.00 for the premium tee); bounds are inclusive.
    const band = await search(`categoryId=${fx.rootId}&minPrice=50.00&maxPrice=199.00`);
    expect(idsOf(band)).toEqual([mid.id, dear.id, scarf.id].sort());
    expect(band.items.find((i: { id: string }) => i.id === dear.id).platformPrice).toBe('199.00');
    expect(idsOf(await search(`categoryId=${fx.rootId}&maxPrice=19.90`))).toEqual([cheap.id]);
    expect(idsOf(await search(`categoryId=${fx.rootId}&minPrice=200`))).toEqual([]);
    // Keyword: case-insensitive, on title and code.
    expect(idsOf(await search(`keyword=${encodeURIComponent(`${fx.tag} premium TEE`)}`))).toEqual([dear.id]);
    expect(idsOf(await search(`keyword=${encodeURIComponent(`${fx.tag}-sc`.toLowerCase())}`))).toEqual([scarf.id]);
    expect(idsOf(await search(`keyword=${encodeURIComponent(`${fx.tag} Draft`)}`))).toEqual([]);
    expect(idsOf(await search(`frontCategoryId=${front.id}`))).toEqual([mid.id]);
    expect(idsOf(await search(`frontCategoryId=${front.id}&keyword=nothing-matches`))).toEqual([]);
    // Staff search sees every status; the draft is there.
    expect(idsOf(await staff(s, 'GET', `/admin/catalog/spus?categoryId=${fx.rootId}`))).toContain(hiddenDraft.id);
    expect(idsOf(await staff(s, 'GET', `/admin/catalog/spus?categoryId=${fx.rootId}&status=draft`))).toEqual([hiddenDraft.id]);
  });

  it('search: pages are 1-based, report page, size and total, and partition the result', async () => {
    const fx = await catalogFixture(s);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createSpu(s, fx));
    for (const p of made) await listSpu(s, p.id);
    const pageOf = async (n: number) => ok(await s.request('GET', `/catalog/spus?categoryId=${fx.rootId}&size=2&page=${n}`));
    const [p1, p2, p3, p4] = [await pageOf(1), await pageOf(2), await pageOf(3), await pageOf(4)];
    expect([p1.page, p1.size, p1.total]).toEqual([1, 2, 5]);
    expect([p2.items.length, p3.items.length, p4.items.length]).toEqual([2, 1, 0]);
    expect([...codes(p1), ...codes(p2), ...codes(p3)]).toEqual(made.map((m) => m.code).sort());
    const defaults = ok(await s.request('GET', `/catalog/spus?categoryId=${fx.rootId}`));
    expect([defaults.page, defaults.size]).toEqual([1, 20]);
  });
});

describe('catalog over HTTP: page size cap', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('a page size above 100 is answered with 100 items and size 100, on public and staff routes', async () => {
    const c = s.zt.catalog;
    const root = await c.createCategory({ name: 'Bulk' });
    for (let i = 0; i < 101; i++) {
      const spu = await c.createSpu({ code: `BULK-${String(i).padStart(3, '0')}`, title: `Bulk ${i}`, categoryId: root.id, salePrice: '1.00' });
      await c.changeListing({ spuId: spu.id, action: 'list' });
    }
    for (let i = 0; i < 101; i++) await c.createBrand({ nameZh: `品牌${String(i).padStart(3, '0')}` });

    const pub = ok(await s.request('GET', '/catalog/spus?size=1000'));
    expect(pub.size).toBe(100);
    expect(pub.items).toHaveLength(100);
    expect(pub.total).toBe(101);
    const second = ok(await s.request('GET', '/catalog/spus?size=500&page=2'));
    expect([second.size, second.items.length, second.items[0].code]).toEqual([100, 1, 'BULK-100']);
    const exact = ok(await s.request('GET', '/catalog/spus?size=100'));
    expect([exact.size, exact.items.length]).toEqual([100, 100]);
    const admin = await staff(s, 'GET', '/admin/catalog/spus?size=101');
    expect([admin.size, admin.items.length]).toEqual([100, 100]);
    const brands = ok(await s.request('GET', '/catalog/brands?size=250'));
    expect([brands.size, brands.items.length, brands.total]).toEqual([100, 100, 101]);
  });
});

describe('catalog over HTTP: scheduled listing (CAT-3) with a manual clock', () => {
  let s: TestServer;
  let now = Date.now();
  const clock: Clock = { now: () => new Date(now) };
  beforeAll(async () => {
    s = await startTestServer(undefined, { clock });
  });
  afterAll(() => s.close());

  it('CAT-3: a scheduled listing and unlisting take effect only once due', async () => {
    const fx = await catalogFixture(s);
    const spu = await createSpu(s, fx);
    const hour = 3_600_000;
    const listAt = new Date(now + hour).toISOString();
    const unlistAt = new Date(now + 3 * hour).toISOString();
    const scheduled = await staff(s, 'POST', `/admin/catalog/spus/${spu.id}/listing`, { action: 'schedule', listAt, unlistAt });
    expect(scheduled).toMatchObject({ status: 'draft', listAt, unlistAt });
    expect(await s.zt.catalog.applyDueListingSchedules()).toBe(0);
    expectProblem(await s.request('GET', `/catalog/spus/${spu.id}`), 404, 'CATALOG.SPU_NOT_FOUND');

    now += 2 * hour;
    expect(await s.zt.catalog.applyDueListingSchedules()).toBe(1);
    const listed = await s.request('GET', `/catalog/spus/${spu.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ status: 'listed', listAt: null, unlistAt });

    now += 2 * hour;
    expect(await s.zt.catalog.applyDueListingSchedules()).toBe(1);
    expectProblem(await s.request('GET', `/catalog/spus/${spu.id}`), 404, 'CATALOG.SPU_NOT_FOUND');
    expect((await staff(s, 'GET', `/admin/catalog/spus/${spu.id}`)).status).toBe('unlisted');
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Bad requests: 4xx problem+json with a stable code, and nothing written
// ---------------------------------------------------------------------------------------------

describe('catalog over HTTP: bad requests', () => {
  let s: TestServer;
  let fx: Fixture;
  let listed: any;
  let draft: any;
  const post = (path: string, body: unknown, token?: string) => () => s.request('POST', path, { body, token: token ?? s.staffToken });
  const patch = (path: string, body: unknown) => () => s.request('PATCH', path, { body, token: s.staffToken });

  beforeAll(async () => {
    s = await startTestServer();
    fx = await catalogFixture(s);
    listed = await createSpu(s, fx, { code: `${fx.tag}-LISTED`, skus: [{ specs: { color: 'Red', size: 'S' }, code: `${fx.tag}-RED-S` }] });
    await listSpu(s, listed.id);
    draft = await createSpu(s, fx, { code: `${fx.tag}-DRAFT` });
  });
  afterAll(() => s.close());

  // Validation (400 VALIDATION.FAILED), schemas are strict.
  it('VAL-1: a string for the integer `sort` is a 400 naming body.sort, and creates no category', async () => {
    const res = await rejectedWrite(s, post('/admin/catalog/categories', { name: 'X', sort: 'first' }), 400, 'VALIDATION.FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.sort' })]);
  });

  it('VAL-2: a number for the product `title` is a 400 naming body.title, and creates no product', async () => {
    const res = await rejectedWrite(s, post('/admin/catalog/spus', spuBody(fx, { title: 42 })), 400, 'VALIDATION.FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.title']);
  });

  it('VAL-3: missing required fields (category name; product categoryId) are 400s listing each path', async () => {
    const noName = await rejectedWrite(s, post('/admin/catalog/categories', { sort: 1 }), 400, 'VALIDATION.FAILED');
    expect(noName.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.name']);
    const { categoryId: _drop, title: _t, ...rest } = spuBody(fx);
    const noCategory = await rejectedWrite(s, post('/admin/catalog/spus', rest), 400, 'VALIDATION.FAILED');
    expect(noCategory.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.categoryId', 'body.title']);
  });

  it('VAL-4: an unknown extra field is rejected by the strict schemas (brand, product, nested SKU)', async () => {
    await rejectedWrite(s, post('/admin/catalog/brands', { nameZh: '多余', slogan: 'extra' }), 400, 'VALIDATION.FAILED');
    await rejectedWrite(s, post('/admin/catalog/spus', spuBody(fx, { stock: 10 })), 400, 'VALIDATION.FAILED');
    const nested = await rejectedWrite(
      s,
      post('/admin/catalog/spus', spuBody(fx, { skus: [{ specs: { color: 'Red', size: 'S' }, weight: 1 }] })),
      400,
      'VALIDATION.FAILED',
    );
    expect(nested.body.errors[0].path).toBe('body.skus.0');
  });

  it('VAL-5: page=0 and size=abc on a list route are 400 VALIDATION.FAILED', async () => {
    const zero = await s.request('GET', '/catalog/spus?page=0');
    expectProblem(zero, 400, 'VALIDATION.FAILED', '/catalog/spus?page=0');
    expect(zero.body.errors[0].path).toBe('query.page');
    const abc = await s.request('GET', '/catalog/spus?size=abc');
    expectProblem(abc, 400, 'VALIDATION.FAILED');
    expect(abc.body.errors[0].path).toBe('query.size');
    expectProblem(await s.request('GET', '/catalog/brands?size=-5'), 400, 'VALIDATION.FAILED');
    expectProblem(await s.request('GET', `/admin/catalog/spus?status=archived`, { token: s.staffToken }), 400, 'VALIDATION.FAILED');
  });

  it('VAL-6: a price that is not a decimal string, and an unknown listing action, are 400s', async () => {
    await rejectedWrite(s, post('/admin/catalog/spus', spuBody(fx, { salePrice: 99 })), 400, 'VALIDATION.FAILED');
    await rejectedWrite(s, post('/admin/catalog/spus', spuBody(fx, { salePrice: '9,90' })), 400, 'VALIDATION.FAILED');
    await rejectedWrite(s, post(`/admin/catalog/spus/${draft.id}/listing`, { action: 'archive' }), 400, 'VALIDATION.FAILED');
    await rejectedWrite(s, post(`/admin/catalog/spus/${draft.id}/listing`, { action: 'schedule', listAt: 'tomorrow' }), 400, 'VALIDATION.FAILED');
  });

  // Money and prices (422).
  it('PRICE-1: a negative sale price is a 422 CATALOG.INVALID_PRICE and creates no product', async () => {
    await rejectedWrite(s, post('/admin/catalog/spus', spuBody(fx, { salePrice: '-1.00' })), 422, 'CATALOG.INVALID_PRICE');
  });

  it('PRICE-2: a price with 3 decimals is a 422 MONEY.TOO_MANY_DECIMALS, never rounded (create and price change)', async () => {
    await rejectedWrite(s, post('/admin/catalog/spus', spuBody(fx, { salePrice: '19.999' })), 422, 'MONEY.TOO_MANY_DECIMALS');
    await rejectedWrite(s, patch(`/admin/catalog/spus/${listed.id}/skus/${listed.skus[0].id}`, { salePrice: '1.005' }), 422, 'MONEY.TOO_MANY_DECIMALS');
  });

  it('PRICE-3: a zero price is a 422 CATALOG.INVALID_PRICE (product, combo and price change)', async () => {
    await rejectedWrite(s, post('/admin/catalog/spus', spuBody(fx, { salePrice: '0.00' })), 422, 'CATALOG.INVALID_PRICE');
    await rejectedWrite(
      s,
      post('/admin/catalog/combos', {
        title: 'Free',
        categoryId: fx.leafId,
        attributes: { model: ['F'] },
        salePrice: '0',
        components: [{ skuId: listed.skus[0].id, quantity: 2 }],
      }),
      422,
      'CATALOG.INVALID_PRICE',
    );
    await rejectedWrite(s, patch(`/admin/catalog/spus/${listed.id}/skus/${listed.skus[0].id}`, { salePrice: '0' }), 422, 'CATALOG.INVALID_PRICE');
  });

  it('PRICE-4: a market price below the sale price is a 422 CATALOG.MARKET_PRICE_BELOW_SALE_PRICE (create and change)', async () => {
    await rejectedWrite(
      s,
      post('/admin/catalog/spus', spuBody(fx, { salePrice: '99.00', marketPrice: '89.00' })),
      422,
      'CATALOG.MARKET_PRICE_BELOW_SALE_PRICE',
    );
    await rejectedWrite(
      s,
      patch(`/admin/catalog/spus/${listed.id}/skus/${listed.skus[0].id}`, { salePrice: '199.00', marketPrice: '150.00' }),
      422,
      'CATALOG.MARKET_PRICE_BELOW_SALE_PRICE',
    );
  });

  // Categories (CAT-1).
  it('CAT-1: a product on an unknown category is a 404 CATALOG.CATEGORY_NOT_FOUND', async () => {
    await rejectedWrite(s, post('/admin/catalog/spus', spuBody(fx, { categoryId: 'no-such-category' })), 404, 'CATALOG.CATEGORY_NOT_FOUND');
    await rejectedWrite(s, post('/admin/catalog/categories', { name: 'Orphan', parentId: 'no-such-category' }), 404, 'CATALOG.CATEGORY_NOT_FOUND');
    await rejectedWrite(s, post('/admin/catalog/brands', { nameZh: '孤', categoryIds: ['no-such-category'] }), 404, 'CATALOG.CATEGORY_NOT_FOUND');
  });

  it('CAT-1: a product on a category that has children is a 422 CATALOG.CATEGORY_NOT_LEAF', async () => {
    await rejectedWrite(s, post('/admin/catalog/spus', { title: 'On mid', categoryId: fx.midId, salePrice: '10.00' }), 422, 'CATALOG.CATEGORY_NOT_LEAF');
    await rejectedWrite(s, patch(`/admin/catalog/categories/${fx.rootId}`, { attributes: LEAF_ATTRIBUTES }), 422, 'CATALOG.CATEGORY_NOT_LEAF');
  });

  it('CAT-1: a fifth category level is a 422 CATALOG.CATEGORY_TOO_DEEP', async () => {
    let parentId: string | null = null;
    for (let level = 1; level <= 4; level++) parentId = (await staff(s, 'POST', '/admin/catalog/categories', { name: `Deep ${level}`, parentId })).id;
    await rejectedWrite(s, post('/admin/catalog/categories', { name: 'Deep 5', parentId }), 422, 'CATALOG.CATEGORY_TOO_DEEP');
  });

  it('CAT-1: deleting a category that holds products is a 409 CATALOG.CATEGORY_HAS_PRODUCTS and deletes nothing', async () => {
    await rejectedWrite(s, () => s.request('DELETE', `/admin/catalog/categories/${fx.leafId}`, { token: s.staffToken }), 409, 'CATALOG.CATEGORY_HAS_PRODUCTS');
    // ... nor may it get children.
    await rejectedWrite(s, post('/admin/catalog/categories', { name: 'Under leaf', parentId: fx.leafId }), 409, 'CATALOG.CATEGORY_HAS_PRODUCTS');
  });

  it('CAT-1: deleting a category with children is a 409 CATALOG.CATEGORY_HAS_CHILDREN; an empty leaf can be deleted', async () => {
    await rejectedWrite(s, () => s.request('DELETE', `/admin/catalog/categories/${fx.rootId}`, { token: s.staffToken }), 409, 'CATALOG.CATEGORY_HAS_CHILDREN');
    const empty = await staff(s, 'POST', '/admin/catalog/categories', { name: 'Empty', parentId: fx.rootId });
    const before = (await catalogState(s)).counts.categories;
    await staff(s, 'DELETE', `/admin/catalog/categories/${empty.id}`);
    expect((await catalogState(s)).counts.categories).toBe(before - 1);
    await rejectedWrite(s, () => s.request('DELETE', `/admin/catalog/categories/${empty.id}`, { token: s.staffToken }), 404, 'CATALOG.CATEGORY_NOT_FOUND');
  });

  // Products.
  it('SKU-1: a SKU code already used by another product is a 409 CATALOG.DUPLICATE_SKU_CODE', async () => {
    const res = await rejectedWrite(
      s,
      post('/admin/catalog/spus', spuBody(fx, { skus: [{ specs: { color: 'Blue', size: 'S' }, code: `${fx.tag}-RED-S` }] })),
      409,
      'CATALOG.DUPLICATE_SKU_CODE',
    );
    expect(res.body.details).toEqual({ codes: [`${fx.tag}-RED-S`] });
    // A combo SKU code too.
    await rejectedWrite(
      s,
      post('/admin/catalog/combos', {
        title: 'Dup',
        categoryId: fx.leafId,
        attributes: { model: ['D'] },
        skuCode: `${fx.tag}-RED-S`,
        salePrice: '10.00',
        components: [{ skuId: listed.skus[0].id, quantity: 2 }],
      }),
      409,
      'CATALOG.DUPLICATE_SKU_CODE',
    );
  });

  it('SPU-1: a product code already in use is a 409 CATALOG.DUPLICATE_SPU_CODE', async () => {
    await rejectedWrite(s, post('/admin/catalog/spus', spuBody(fx, { code: `${fx.tag}-LISTED` })), 409, 'CATALOG.DUPLICATE_SPU_CODE');
  });

  it('ATTR-1: a product without its required key attribute is a 422 CATALOG.REQUIRED_ATTRIBUTE_MISSING', async () => {
    const res = await rejectedWrite(
      s,
      post('/admin/catalog/spus', spuBody(fx, { attributes: { material: ['Cotton'] } })),
      422,
      'CATALOG.REQUIRED_ATTRIBUTE_MISSING',
    );
    expect(res.body.details).toEqual({ attributeId: 'model' });
    // The required sales attribute (colour) too.
    await rejectedWrite(
      s,
      post('/admin/catalog/spus', spuBody(fx, { salesAttributes: [{ attributeId: 'size', values: ['S'] }] })),
      422,
      'CATALOG.REQUIRED_ATTRIBUTE_MISSING',
    );
  });

  it('ATTR-2: a sales attribute value that is not among the options is a 422 CATALOG.INVALID_ATTRIBUTE_VALUE', async () => {
    const res = await rejectedWrite(
      s,
      post('/admin/catalog/spus', spuBody(fx, { salesAttributes: [{ attributeId: 'color', values: ['Red', 'Purple'] }] })),
      422,
      'CATALOG.INVALID_ATTRIBUTE_VALUE',
    );
    expect(res.body.details).toEqual({ attributeId: 'color', values: ['Purple'] });
    await rejectedWrite(
      s,
      post('/admin/catalog/spus', spuBody(fx, { salesAttributes: [{ attributeId: 'shape', values: ['Round'] }] })),
      422,
      'CATALOG.UNKNOWN_ATTRIBUTE',
    );
  });

  it('ATTR-3: a bad attribute template (sales attribute as free text) is a 422 CATALOG.INVALID_ATTRIBUTE and keeps the old templates', async () => {
    await rejectedWrite(
      s,
      patch(`/admin/catalog/categories/${fx.otherLeafId}`, { attributes: [{ id: 'color', name: 'Colour', kind: 'sales', input: 'text' }] }),
      422,
      'CATALOG.INVALID_ATTRIBUTE',
    );
  });

  it('COMBO-1: a combo made of a SKU that does not exist is a 422 CATALOG.INVALID_COMBO', async () => {
    const res = await rejectedWrite(
      s,
      post('/admin/catalog/combos', {
        title: 'Ghost combo',
        categoryId: fx.leafId,
        attributes: { model: ['G'] },
        salePrice: '10.00',
        components: [
          { skuId: listed.skus[0].id, quantity: 1 },
          { skuId: 'no-such-sku', quantity: 1 },
        ],
      }),
      422,
      'CATALOG.INVALID_COMBO',
    );
    expect(res.body.details).toEqual({ skuIds: ['no-such-sku'] });
  });

  it('FRONT-1: a front category mapped to a missing brand or an unlisted attribute value writes nothing', async () => {
    await rejectedWrite(
      s,
      post('/admin/catalog/front-categories', { name: 'F', mappings: [{ kind: 'brand', brandId: 'no-such-brand' }] }),
      404,
      'CATALOG.BRAND_NOT_FOUND',
    );
    await rejectedWrite(
      s,
      post('/admin/catalog/front-categories', { name: 'F', mappings: [{ kind: 'attribute', categoryId: fx.leafId, attributeId: 'material', value: 'Linen' }] }),
      422,
      'CATALOG.INVALID_ATTRIBUTE_VALUE',
    );
    await rejectedWrite(
      s,
      post('/admin/catalog/front-categories', { name: 'F', visibleFrom: '2030-01-02T00:00:00Z', visibleUntil: '2030-01-01T00:00:00Z' }),
      422,
      'CATALOG.INVALID_SCHEDULE',
    );
  });

  // Listing (CAT-3).
  it('CAT-3: unlisting a draft is a 409 CATALOG.INVALID_STATUS_CHANGE; listing a listed product too', async () => {
    const res = await rejectedWrite(s, post(`/admin/catalog/spus/${draft.id}/listing`, { action: 'unlist' }), 409, 'CATALOG.INVALID_STATUS_CHANGE');
    expect(res.body.details).toEqual({ from: 'draft', to: 'unlisted' });
    await rejectedWrite(s, post(`/admin/catalog/spus/${listed.id}/listing`, { action: 'list' }), 409, 'CATALOG.INVALID_STATUS_CHANGE');
  });

  it('CAT-3: scheduling a listing in the past is a 422 CATALOG.SCHEDULE_IN_PAST; unlisting before listing a 422 CATALOG.INVALID_SCHEDULE', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    await rejectedWrite(s, post(`/admin/catalog/spus/${draft.id}/listing`, { action: 'schedule', listAt: past }), 422, 'CATALOG.SCHEDULE_IN_PAST');
    await rejectedWrite(
      s,
      post(`/admin/catalog/spus/${draft.id}/listing`, {
        action: 'schedule',
        listAt: new Date(Date.now() + 7_200_000).toISOString(),
        unlistAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
      422,
      'CATALOG.INVALID_SCHEDULE',
    );
  });

  it('404: a product id that does not exist is a 404 CATALOG.SPU_NOT_FOUND on staff reads and writes; a SKU not in the product a 404 CATALOG.SKU_NOT_FOUND', async () => {
    expectProblem(
      await s.request('GET', '/admin/catalog/spus/no-such-spu', { token: s.staffToken }),
      404,
      'CATALOG.SPU_NOT_FOUND',
      '/admin/catalog/spus/no-such-spu',
    );
    await rejectedWrite(s, post('/admin/catalog/spus/no-such-spu/listing', { action: 'list' }), 404, 'CATALOG.SPU_NOT_FOUND');
    await rejectedWrite(s, patch('/admin/catalog/spus/no-such-spu', { title: 'x' }), 404, 'CATALOG.SPU_NOT_FOUND');
    await rejectedWrite(s, patch(`/admin/catalog/spus/${listed.id}/skus/${draft.skus[0].id}`, { salePrice: '5.00' }), 404, 'CATALOG.SKU_NOT_FOUND');
  });

  it('404: a draft product on the public route is a 404 CATALOG.SPU_NOT_FOUND, the same as a missing one', async () => {
    const hidden = await s.request('GET', `/catalog/spus/${draft.id}`);
    expectProblem(hidden, 404, 'CATALOG.SPU_NOT_FOUND');
    const missing = await s.request('GET', '/catalog/spus/no-such-spu');
    expectProblem(missing, 404, 'CATALOG.SPU_NOT_FOUND');
    expect(hidden.body.detail.replace(draft.id, 'ID')).toBe(missing.body.detail.replace('no-such-spu', 'ID'));
  });

  it('HTTP-404: an unknown route is a 404 HTTP.NOT_FOUND problem', async () => {
    expectProblem(await s.request('GET', '/catalog/nothing-here'), 404, 'HTTP.NOT_FOUND', '/catalog/nothing-here');
    expectProblem(await s.request('PUT', '/catalog/spus', { body: {} }), 404, 'HTTP.NOT_FOUND');
  });

  it('HTTP-ID: a malformed id in the path is a 400 VALIDATION.FAILED naming params', async () => {
    const res = await s.request('GET', `/catalog/spus/${encodeURIComponent('bad id!')}`);
    expectProblem(res, 400, 'VALIDATION.FAILED');
    expect(res.body.errors[0].path).toBe('params.spuId');
  });

  it('HTTP-URL: a path that is not valid percent-encoding is a 400 HTTP.MALFORMED_URL, not a 500', async () => {
    expectProblem(await s.request('GET', '/catalog/spus/%E0%A4%A'), 400, 'HTTP.MALFORMED_URL');
    await rejectedWrite(s, () => s.request('DELETE', '/admin/catalog/categories/%ZZ', { token: s.staffToken }), 400, 'HTTP.MALFORMED_URL');
  });

  // Body parsing.
  it('HTTP-JSON: a malformed JSON body is a 400 HTTP.MALFORMED_JSON and writes nothing', async () => {
    const send = (rawBody: string) => () =>
      s.request('POST', '/admin/catalog/categories', { rawBody, headers: { 'content-type': 'application/json' }, token: s.staffToken });
    await rejectedWrite(s, send('{"name": "Broken",'), 400, 'HTTP.MALFORMED_JSON');
    await rejectedWrite(s, send('null'), 400, 'HTTP.MALFORMED_JSON');
    // Valid JSON of the wrong shape is a validation failure.
    await rejectedWrite(s, send('[{"name":"x"}]'), 400, 'VALIDATION.FAILED');
  });

  it('HTTP-SIZE: a body over 100kb is a 413 HTTP.PAYLOAD_TOO_LARGE and writes nothing', async () => {
    const body = spuBody(fx, { description: 'x'.repeat(150 * 1024) });
    await rejectedWrite(s, post('/admin/catalog/spus', body), 413, 'HTTP.PAYLOAD_TOO_LARGE');
  });

  it('HTTP-MEDIA: a body that is not JSON is a 415 HTTP.UNSUPPORTED_MEDIA_TYPE; an unsupported charset or encoding a 415 too', async () => {
    const send =
      (headers: Record<string, string>, rawBody = '{"name":"Plain"}') =>
      () =>
        s.request('POST', '/admin/catalog/categories', { rawBody, headers, token: s.staffToken });
    await rejectedWrite(s, send({ 'content-type': 'text/plain' }), 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
    await rejectedWrite(s, send({ 'content-type': 'application/x-www-form-urlencoded' }, 'name=Plain'), 415, 'HTTP.UNSUPPORTED_MEDIA_TYPE');
    await rejectedWrite(s, send({ 'content-type': 'application/json; charset=latin1' }), 415, 'HTTP.UNSUPPORTED_CHARSET');
    await rejectedWrite(s, send({ 'content-type': 'application/json', 'content-encoding': 'compress' }), 415, 'HTTP.UNSUPPORTED_ENCODING');
  });

  it('HTTP-BODY: a body declared gzip that does not inflate is a 400 HTTP.BAD_REQUEST, not a 500', async () => {
    await rejectedWrite(
      s,
      () =>
        s.request('POST', '/admin/catalog/categories', {
          rawBody: '{"name":"Zipped"}',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          token: s.staffToken,
        }),
      400,
      'HTTP.BAD_REQUEST',
    );
  });

  // Authentication and authorization.
  it('AUTH-1: a staff route without a token is a 401 AUTH.MISSING_TOKEN and writes nothing', async () => {
    await rejectedWrite(s, () => s.request('POST', '/admin/catalog/categories', { body: { name: 'Anon' } }), 401, 'AUTH.MISSING_TOKEN');
    expectProblem(await s.request('GET', '/admin/catalog/spus'), 401, 'AUTH.MISSING_TOKEN');
  });

  it('AUTH-2: a token signed with another secret is a 401 AUTH.INVALID_TOKEN', async () => {
    const forged = signToken({ subject: 'mallory', kind: 'staff', roles: ['admin'] }, 'another-secret-of-16-chars-or-more');
    await rejectedWrite(s, post('/admin/catalog/brands', { nameZh: '伪造' }, forged), 401, 'AUTH.INVALID_TOKEN');
    // Claims edited after signing (member → staff admin) break the signature too.
    const [h, , sig] = s.memberToken.split('.');
    const claims = Buffer.from(JSON.stringify({ sub: 'member-1', kind: 'staff', roles: ['admin'], exp: nowSeconds() + 600 })).toString('base64url');
    await rejectedWrite(s, post('/admin/catalog/brands', { nameZh: '篡改' }, `${h}.${claims}.${sig}`), 401, 'AUTH.INVALID_TOKEN');
  });

  it('AUTH-3: an expired token is a 401 AUTH.INVALID_TOKEN', async () => {
    const expired = signToken({ subject: 'staff-1', kind: 'staff', roles: ['catalog'] }, TEST_SECRET, 60, Date.now() - 3_600_000);
    const res = await rejectedWrite(s, post('/admin/catalog/categories', { name: 'Late' }, expired), 401, 'AUTH.INVALID_TOKEN');
    expect(res.body.detail).toMatch(/expired/);
  });

  it('AUTH-4: a token with alg none is a 401 AUTH.INVALID_TOKEN, unsigned or even with a valid HMAC', async () => {
    const claims = { sub: 'mallory', kind: 'staff', roles: ['admin'], iss: 'zhongtai', aud: 'zhongtai:staff', iat: nowSeconds(), exp: nowSeconds() + 600 };
    await rejectedWrite(s, post('/admin/catalog/categories', { name: 'None' }, rawToken({ alg: 'none', typ: 'JWT' }, claims, null)), 401, 'AUTH.INVALID_TOKEN');
    const res = await rejectedWrite(
      s,
      post('/admin/catalog/categories', { name: 'None' }, rawToken({ alg: 'none', typ: 'JWT' }, claims, TEST_SECRET)),
      401,
      'AUTH.INVALID_TOKEN',
    );
    expect(res.body.detail).toMatch(/HS256/);
    // The same claims with alg HS256 are accepted: the rejection above is about the algorithm.
    const good = rawToken({ alg: 'HS256', typ: 'JWT', kid: keyId(TEST_SECRET) }, claims, TEST_SECRET);
    expect((await s.request('GET', '/admin/catalog/front-categories', { token: good })).status).toBe(200);
  });

  it('AUTH-5: a member token on a staff route is a 403 AUTH.FORBIDDEN', async () => {
    await rejectedWrite(s, post('/admin/catalog/categories', { name: 'Member' }, s.memberToken), 403, 'AUTH.FORBIDDEN');
  });

  it('AUTH-6: staff without the catalog role get 403 AUTH.FORBIDDEN; admin staff pass', async () => {
    const clerk = s.token({ subject: 'clerk', kind: 'staff', roles: ['orders', 'finance'] });
    await rejectedWrite(s, post('/admin/catalog/brands', { nameZh: '无权' }, clerk), 403, 'AUTH.FORBIDDEN');
    expectProblem(await s.request('GET', '/admin/catalog/front-categories', { token: clerk }), 403, 'AUTH.FORBIDDEN');
    const admin = s.token({ subject: 'boss', kind: 'staff', roles: ['admin'] });
    expect((await s.request('GET', '/admin/catalog/front-categories', { token: admin })).status).toBe(200);
  });

  it('AUTH-7: a malformed Authorization header (not "Bearer <jwt>") is a 401 AUTH.INVALID_TOKEN', async () => {
    await rejectedWrite(
      s,
      () => s.request('POST', '/admin/catalog/categories', { body: { name: 'Basic' }, headers: { authorization: 'Basic c3RhZmY6c3RhZmY=' } }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    await rejectedWrite(s, post('/admin/catalog/categories', { name: 'Junk' }, 'not-a-jwt'), 401, 'AUTH.INVALID_TOKEN');
  });

  it('no bad request in this suite was ever answered with a 500 (a sweep of odd inputs)', async () => {
    const odd: [string, string, Record<string, unknown>][] = [
      ['GET', '/catalog/spus?page=1&page=2', {}],
      ['GET', '/catalog/spus?minPrice=abc', {}],
      ['GET', '/catalog/spus?size=1e400', {}],
      ['GET', '/catalog/spus?keyword=a&keyword=b', {}],
      ['GET', '/catalog/spus?categoryId=', {}],
      ['POST', '/admin/catalog/categories', { rawBody: '', headers: { 'content-type': 'application/json' } }],
      ['POST', '/admin/catalog/categories', { rawBody: '"just a string"', headers: { 'content-type': 'application/json' } }],
      ['POST', '/admin/catalog/categories', { rawBody: '{"name":"x","sort":1e400}', headers: { 'content-type': 'application/json' } }],
      ['POST', '/admin/catalog/categories', { body: { name: '   ' } }],
      ['PATCH', '/admin/catalog/spus/x/skus/y', { body: { salePrice: '99999999999.99' } }],
      ['POST', '/admin/catalog/spus', { body: { title: 't', categoryId: 'c', salePrice: '1', skus: 'none' } }],
      ['POST', '/admin/catalog/front-categories', { body: { name: 'x', mappings: [{ kind: 'shop', shopId: 'x' }] } }],
      ['POST', '/admin/catalog/brands', { body: { nameZh: 'x', logoUrl: 'not a url' } }],
    ];
    for (const [method, path, options] of odd) {
      const res = await s.request(method, path, { token: s.staffToken, ...options });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(res.headers.get('content-type'), `${method} ${path}`).toMatch(/^application\/problem\+json/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Request ids
// ---------------------------------------------------------------------------------------------

describe('catalog over HTTP: request ids', () => {
  let s: TestServer;
  let fx: Fixture;
  beforeAll(async () => {
    s = await startTestServer();
    fx = await catalogFixture(s);
  });
  afterAll(() => s.close());

  it('every response carries an x-request-id: 200, 201, 204, 4xx problems, unknown routes, parser errors', async () => {
    const spu = await createSpu(s, fx);
    const empty = await staff(s, 'POST', '/admin/catalog/categories', { name: 'Gone', parentId: fx.rootId });
    const responses: [string, Res][] = [
      ['health', await s.request('GET', '/health')],
      ['openapi', await s.request('GET', '/openapi.json')],
      ['list', await s.request('GET', '/catalog/spus')],
      ['create', await s.request('POST', '/admin/catalog/brands', { body: { nameZh: '号' }, token: s.staffToken })],
      ['delete', await s.request('DELETE', `/admin/catalog/categories/${empty.id}`, { token: s.staffToken })],
      ['listing', await s.request('POST', `/admin/catalog/spus/${spu.id}/listing`, { body: { action: 'list' }, token: s.staffToken })],
      ['401', await s.request('GET', '/admin/catalog/spus')],
      ['404 route', await s.request('GET', '/nope')],
      ['404 domain', await s.request('GET', '/catalog/spus/missing')],
      [
        '400 json',
        await s.request('POST', '/admin/catalog/categories', { rawBody: '{', headers: { 'content-type': 'application/json' }, token: s.staffToken }),
      ],
      ['413', await s.request('POST', '/admin/catalog/categories', { body: { name: 'x'.repeat(200_000) }, token: s.staffToken })],
    ];
    expect(responses.map(([name, r]) => [name, r.status])).toEqual([
      ['health', 200],
      ['openapi', 200],
      ['list', 200],
      ['create', 201],
      ['delete', 204],
      ['listing', 200],
      ['401', 401],
      ['404 route', 404],
      ['404 domain', 404],
      ['400 json', 400],
      ['413', 413],
    ]);
    const ids = responses.map(([name, r]) => [name, r.headers.get('x-request-id')] as const);
    for (const [name, id] of ids) expect(id, name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
  });

  it('a valid given x-request-id is echoed in the header and in problem bodies; an invalid one is replaced', async () => {
    const given = 'req-2024.07_abc';
    const okRes = await s.request('GET', '/catalog/brands', { headers: { 'x-request-id': given } });
    expect(okRes.headers.get('x-request-id')).toBe(given);
    const problemRes = await s.request('POST', '/admin/catalog/categories', {
      body: { name: 'x', extra: 1 },
      token: s.staffToken,
      headers: { 'x-request-id': given },
    });
    expectProblem(problemRes, 400, 'VALIDATION.FAILED', '/admin/catalog/categories');
    expect(problemRes.headers.get('x-request-id')).toBe(given);
    expect(problemRes.body.requestId).toBe(given);
    const notFound = await s.request('GET', '/no/such/route?x=1', { headers: { 'x-request-id': given } });
    expectProblem(notFound, 404, 'HTTP.NOT_FOUND', '/no/such/route?x=1');
    expect(notFound.body.requestId).toBe(given);

    for (const bad of ['has spaces', 'x'.repeat(101), 'semi;colon', 'slash/inside', '']) {
      const res = await s.request('GET', '/catalog/spus/missing', { headers: { 'x-request-id': bad } });
      expectProblem(res, 404, 'CATALOG.SPU_NOT_FOUND');
      const id = res.headers.get('x-request-id');
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.requestId).toBe(id);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 4. OpenAPI
// ---------------------------------------------------------------------------------------------

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

/** Structural checks of an OpenAPI 3.1 document (no validator dependency): returns the problems found. */
function openApiProblems(doc: any): string[] {
  const errors: string[] = [];
  const err = (where: string, what: string): void => {
    errors.push(`${where}: ${what}`);
  };
  const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

  if (doc.openapi !== '3.1.0') err('openapi', `expected 3.1.0, got ${doc.openapi}`);
  if (!isObj(doc.info) || typeof doc.info.title !== 'string' || typeof doc.info.version !== 'string') err('info', 'needs title and version strings');
  if (!isObj(doc.paths)) err('paths', 'must be an object');
  const schemes = isObj(doc.components?.securitySchemes) ? doc.components.securitySchemes : {};
  for (const [name, scheme] of Object.entries<any>(schemes)) {
    if (!['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect'].includes(scheme.type)) err(`securitySchemes.${name}`, 'bad type');
    if (scheme.type === 'http' && typeof scheme.scheme !== 'string') err(`securitySchemes.${name}`, 'http needs scheme');
  }

  const resolve = (ref: string): unknown => {
    if (!ref.startsWith('#/')) return undefined;
    return ref
      .slice(2)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), doc);
  };
  const checkSchema = (where: string, schema: unknown): void => {
    if (typeof schema === 'boolean') return;
    if (!isObj(schema)) return err(where, 'schema must be an object or boolean');
    if (schema.$ref !== undefined && (typeof schema.$ref !== 'string' || resolve(schema.$ref) === undefined)) err(where, `unresolved $ref ${schema.$ref}`);
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
    for (const t of types) if (!JSON_TYPES.includes(t)) err(where, `bad type ${t}`);
    if (schema.required !== undefined && (!Array.isArray(schema.required) || schema.required.some((r: unknown) => typeof r !== 'string')))
      err(where, 'required must list strings');
    if (schema.enum !== undefined && !Array.isArray(schema.enum)) err(where, 'enum must be an array');
    if (schema.properties !== undefined) {
      if (!isObj(schema.properties)) err(where, 'properties must be an object');
      else for (const [k, v] of Object.entries(schema.properties)) checkSchema(`${where}.properties.${k}`, v);
    }
    for (const key of ['items', 'additionalProperties', 'propertyNames', 'not']) if (schema[key] !== undefined) checkSchema(`${where}.${key}`, schema[key]);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
      if (schema[key] === undefined) continue;
      if (!Array.isArray(schema[key])) err(where, `${key} must be an array`);
      else schema[key].forEach((s: unknown, i: number) => checkSchema(`${where}.${key}.${i}`, s));
    }
  };
  const checkContent = (where: string, content: unknown) => {
    if (!isObj(content)) return err(where, 'content must be an object');
    for (const [media, m] of Object.entries<any>(content)) {
      if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(media)) err(where, `bad media type ${media}`);
      if (m.schema !== undefined) checkSchema(`${where}.${media}.schema`, m.schema);
    }
  };

  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    if (!path.startsWith('/') || path.includes(':')) err(path, 'paths start with / and use {name} templates');
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [method, op] of Object.entries<any>(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!HTTP_METHODS.includes(method)) {
        err(where, 'unknown method');
        continue;
      }
      if (typeof op.operationId === 'string') {
        if (operationIds.has(op.operationId)) err(where, `duplicate operationId ${op.operationId}`);
        operationIds.add(op.operationId);
      }
      if (op.tags !== undefined && (!Array.isArray(op.tags) || op.tags.some((t: unknown) => typeof t !== 'string'))) err(where, 'tags must be strings');
      const params: any[] = op.parameters ?? [];
      const seen = new Set<string>();
      for (const p of params) {
        if (typeof p.name !== 'string' || !['query', 'header', 'path', 'cookie'].includes(p.in)) err(where, `bad parameter ${JSON.stringify(p)}`);
        if (seen.has(`${p.in}:${p.name}`)) err(where, `parameter ${p.name} twice`);
        seen.add(`${p.in}:${p.name}`);
        if (p.in === 'path' && p.required !== true) err(where, `path parameter ${p.name} must be required`);
        if (p.schema === undefined && p.content === undefined) err(where, `parameter ${p.name} needs a schema`);
        else if (p.schema !== undefined) checkSchema(`${where} param ${p.name}`, p.schema);
      }
      const pathParams = params
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      if (JSON.stringify(pathParams) !== JSON.stringify([...templated].sort())) err(where, `path parameters ${pathParams} ≠ template ${templated}`);
      if (op.requestBody !== undefined) checkContent(`${where} requestBody`, op.requestBody.content);
      if (!isObj(op.responses) || Object.keys(op.responses).length === 0) err(where, 'needs responses');
      for (const [code, r] of Object.entries<any>(op.responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) err(where, `bad response code ${code}`);
        if (typeof r.description !== 'string') err(`${where} ${code}`, 'needs a description');
        if (r.content !== undefined) checkContent(`${where} ${code}`, r.content);
      }
      for (const req of op.security ?? []) {
        for (const [name, scopes] of Object.entries(req)) {
          if (!(name in schemes)) err(where, `security scheme ${name} is not declared`);
          if (!Array.isArray(scopes)) err(where, 'security scopes must be an array');
        }
      }
    }
  }
  for (const [name, schema] of Object.entries<any>(doc.components?.schemas ?? {})) checkSchema(`components.schemas.${name}`, schema);
  return errors;
}

describe('catalog over HTTP: OpenAPI document', () => {
  let s: TestServer;
  let doc: any;
  beforeAll(async () => {
    s = await startTestServer();
    const res = await s.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = res.body;
  });
  afterAll(() => s.close());

  const openApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

  it('is OpenAPI 3.1.0 and passes the structural checks', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(openApiProblems(doc)).toEqual([]);
    // The checker itself finds planted mistakes.
    const broken = structuredClone(doc);
    const op = broken.paths['/catalog/spus/{spuId}'].get;
    op.parameters = [];
    op.responses['2xx'] = {};
    op.security = [{ cookie: [] }];
    broken.paths['/x/:id'] = { fetch: {} };
    const problems = openApiProblems(broken);
    expect(problems.some((p) => p.includes('path parameters'))).toBe(true);
    expect(problems.some((p) => p.includes('bad response code 2xx'))).toBe(true);
    expect(problems.some((p) => p.includes('security scheme cookie'))).toBe(true);
    expect(problems.some((p) => p.includes('/x/:id'))).toBe(true);
  });

  it('lists every route of allRoutes with its method, and nothing that is not a route', () => {
    expect(allRoutes.length).toBeGreaterThanOrEqual(20);
    for (const r of allRoutes) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method];
      expect(op, `${r.method.toUpperCase()} ${r.path}`).toBeDefined();
      expect(op.summary).toBe(r.summary);
      expect(op.tags).toEqual([r.tag]);
      expect(Object.keys(op.responses)).toContain(String(r.status ?? 200));
      expect(op.requestBody !== undefined, `${r.method} ${r.path} requestBody`).toBe(r.body !== undefined);
    }
    const documented = Object.entries<any>(doc.paths)
      .flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`))
      .sort();
    expect(documented).toEqual(allRoutes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
  });

  it('declares each path parameter of each path, required, and each query parameter of the schema', () => {
    for (const r of allRoutes) {
      const op = doc.paths[openApiPath(r.path)][r.method];
      const inPath = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p: any) => p.in === 'path');
      expect(declared.map((p: any) => p.name).sort(), `${r.method} ${r.path}`).toEqual([...inPath].sort());
      for (const p of declared) expect(p.required).toBe(true);
      const query = (op.parameters ?? [])
        .filter((p: any) => p.in === 'query')
        .map((p: any) => p.name)
        .sort();
      expect(query, `${r.method} ${r.path}`).toEqual(Object.keys(r.query?.shape ?? {}).sort());
    }
    const search = doc.paths['/catalog/spus'].get.parameters;
    expect(search.find((p: any) => p.name === 'page')).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1 } });
  });

  it('staff and member routes declare bearer security and 401/403 answers; public routes declare security: [] (issue #12)', () => {
    expect(doc.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: expect.stringContaining('`admin`'),
    });
    const staffRoutes = allRoutes.filter((r) => r.access === 'staff');
    expect(staffRoutes.length).toBeGreaterThan(0);
    for (const r of allRoutes) {
      const op = doc.paths[openApiPath(r.path)][r.method];
      if (r.access !== 'public') {
        // Staff operations: one alternative requirement per admitted role, admin included (decision 0022).
        const expected = r.access === 'staff' ? [...(r.roles ?? []), 'admin'].map((role) => ({ bearer: [role] })) : [{ bearer: [] }];
        expect(op.security, `${r.method} ${r.path}`).toEqual(expected);
        expect(op['x-roles']).toEqual(r.roles ?? []);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      } else {
        expect(op.security, `${r.method} ${r.path}`).toEqual([]);
      }
      expect(r.path.startsWith('/admin/')).toBe(r.access === 'staff');
    }
  });

  it('request body schemas come from the zod schemas (strict objects, required fields)', () => {
    const body = doc.paths['/admin/catalog/categories'].post.requestBody.content['application/json'].schema;
    expect(body).toMatchObject({ type: 'object', required: ['name'], additionalProperties: false });
    expect(Object.keys(body.properties).sort()).toEqual(['name', 'parentId', 'sort']);
    expect(doc.paths['/admin/catalog/spus'].post.responses['422'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Mounting into a host application
// ---------------------------------------------------------------------------------------------

describe('catalog over HTTP: the router mounted in a host app', () => {
  let server: Server;
  let base: string;
  const zt = createZhongtai();
  const hostRoute = route({
    method: 'post',
    path: '/host/echo',
    tag: 'host',
    access: 'staff',
    roles: ['catalog'],
    summary: 'A host route, validated and documented like the built-in ones',
    body: z.object({ text: z.string().min(1) }).strict(),
    handler: async ({ body, identity }) => ({ echo: body.text, by: identity?.subject }),
  });
  beforeAll(async () => {
    const spu = await zt.catalog.createSpu({
      code: 'HOST-1',
      title: 'Hosted',
      categoryId: (await zt.catalog.createCategory({ name: 'Host' })).id,
      salePrice: '5.00',
    });
    await zt.catalog.changeListing({ spuId: spu.id, action: 'list' });
    const host = express();
    host.get('/ping', (_req, res) => {
      res.json({ host: true });
    });
    host.get('/shop-info', (_req, res) => {
      res.type('text/plain').send('host page');
    });
    host.use('/shop', createRouter({ zhongtai: zt, authenticator: new Hs256Authenticator(TEST_SECRET), logger: silentLogger, routes: [hostRoute] }));
    server = await new Promise<Server>((resolve) => {
      const srv = host.listen(0, '127.0.0.1', () => resolve(srv));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('the host routes answer untouched; /shop/health, /shop/catalog/spus and /shop/openapi.json answer from the router', async () => {
    const ping = await fetch(`${base}/ping`);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({ host: true });
    expect(ping.headers.get('x-request-id')).toBeNull();
    const info = await fetch(`${base}/shop-info`);
    expect([info.status, await info.text()]).toEqual([200, 'host page']);

    const health = await fetch(`${base}/shop/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', persistence: 'memory' });
    expect(health.headers.get('x-request-id')).toBeTruthy();
    const spus = await fetch(`${base}/shop/catalog/spus`);
    expect(spus.status).toBe(200);
    expect(((await spus.json()) as any).items.map((i: { code: string }) => i.code)).toEqual(['HOST-1']);
    expect((await fetch(`${base}/catalog/spus`)).status).toBe(404);

    const doc = (await (await fetch(`${base}/shop/openapi.json`)).json()) as any;
    expect(doc.paths['/host/echo'].post.security).toEqual([{ bearer: ['catalog'] }, { bearer: ['admin'] }]);
    expect(openApiProblems(doc)).toEqual([]);
  });

  it('problems under the mount name the full path as instance; extra host routes are authenticated and validated', async () => {
    const res = await fetch(`${base}/shop/admin/catalog/spus`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ code: 'AUTH.MISSING_TOKEN', instance: '/shop/admin/catalog/spus' });
    expect(body.requestId).toBe(res.headers.get('x-request-id'));

    const token = signToken({ subject: 'host-staff', kind: 'staff', roles: ['catalog'] } satisfies Identity, TEST_SECRET);
    const send = (payload: string) =>
      fetch(`${base}/shop/host/echo`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: payload });
    const echoed = await send('{"text":"hi"}');
    expect([echoed.status, await echoed.json()]).toEqual([200, { echo: 'hi', by: 'host-staff' }]);
    const bad = await send('{"text":""}');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).code).toBe('VALIDATION.FAILED');
  });
});
