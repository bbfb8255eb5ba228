/**
 * The operation walk (issue #12, acceptance 1): every operation of `/openapi.json`, called with a token
 * of the right kind and role and with real ids of the demo data, gets hostile values in each body field,
 * path parameter, query parameter and declared header in turn. No answer may be a 5xx; every 4xx is
 * problem+json with a code; a rejected request changes no row count of any table.
 */
import { DEMO_MEMBER_ID } from '../../adapters/demo/cart.js';
import { seedDemo } from '../../adapters/demo/index.js';
import type { Logger } from '../../adapters/http/express/index.js';
import type { MikroOrmPersistence } from '../../adapters/persistence/mikro-orm/index.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { at, nodes, replaceAt } from '../support/json-paths.js';

type Schema = Record<string, any>;
interface Operation {
  readonly method: string;
  readonly path: string;
  readonly op: Schema;
}
export interface Finding {
  readonly request: string;
  readonly status: number;
  readonly problem: string;
}

const OVERSIZED_FIELD = 'x'.repeat(12_000); // past every maxLength of the schemas (10 000 at most)
const OVERSIZED_BODY = 'x'.repeat(100_000); // past the 100 kB body limit: sent once per operation with a body
const OVERSIZED_URL = 'x'.repeat(8_000); // past every maxLength, under Node's 16 kB header limit
const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';

/** Hostile values for a JSON body field; the wrong type (object, array, boolean) turns with the field. */
const BODY_VALUES: readonly unknown[] = [NUL, LONE_SURROGATE, 2 ** 31, 2 ** 53, -1, '', OVERSIZED_FIELD];
const WRONG_TYPES: readonly unknown[] = [{}, [], true];
/** Hostile values for a URL part, already percent-encoded (a lone surrogate is sent as its UTF-8-like bytes). */
const URL_VALUES: readonly string[] = ['a%00b', 'a%ED%A0%80b', '2147483648', '9007199254740992', '-1', '', OVERSIZED_URL, '%7B%7D'];
/** Header values (NUL and lone surrogates cannot be sent in a header: Node refuses them on both ends). */
const HEADER_VALUES: readonly string[] = ['2147483648', '9007199254740992', '-1', '', OVERSIZED_URL.slice(0, 4000), 'ab\u00e9'];

/** Real ids of the seeded demo data, by the name of the parameter or field that takes them. */
export type Ids = Record<string, string>;

export interface Walk {
  readonly operations: number;
  readonly requests: number;
  readonly findings: Finding[];
  /** How many answers had each status. */
  readonly statuses: Record<number, number>;
  /** Milliseconds spent in requests and in counting rows. */
  readonly ms: { readonly requests: number; readonly counting: number };
}

/** Starts the service on `persistence`, seeds the demo, walks every operation; `errors` collects what the service logged as unhandled. */
export async function walkOperations(persistence: MikroOrmPersistence, errors: string[]): Promise<Walk> {
  const logger: Logger = { info: () => {}, error: (msg, fields) => void errors.push(`${msg} ${String(fields?.error ?? '')}`) };
  const s = await startTestServer(persistence, { logger });
  try {
    await seedDemo(s.zt);
    const ids = await demoIds(s, persistence);
    const counter = await tableCounter(persistence);
    const doc = (await s.request('GET', '/openapi.json')).body as Schema;
    const operations = listOperations(doc);
    const findings: Finding[] = [];
    let requests = 0;
    const ms = { requests: 0, counting: 0 };
    const statuses: Record<number, number> = {};
    let counts = await counter();
    for (const operation of operations) {
      for (const attempt of attempts(operation, ids)) {
        const t0 = performance.now();
        const res = await send(s, operation, attempt);
        const t1 = performance.now();
        const after = await counter();
        ms.requests += t1 - t0;
        ms.counting += performance.now() - t1;
        requests += 1;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const label = `${operation.method.toUpperCase()} ${operation.path} ${attempt.what}`;
        // WALK_DEBUG=1 shows how each operation answers its sampled request (to see how deep the walk gets).
        if (process.env.WALK_DEBUG && attempt.what === 'as sampled') console.log('BASE', res.status, label, JSON.stringify(res.body)?.slice(0, 250));
        if (res.status >= 500) findings.push({ request: label, status: res.status, problem: JSON.stringify(res.body)?.slice(0, 300) ?? '' });
        else if (res.status >= 400) {
          const type = res.headers.get('content-type') ?? '';
          if (!type.includes('application/problem+json') || typeof res.body?.code !== 'string') {
            findings.push({
              request: label,
              status: res.status,
              problem: `not problem+json with a code: ${type} ${String(JSON.stringify(res.body)).slice(0, 200)}`,
            });
          }
          const changed = diff(counts, after);
          if (changed) findings.push({ request: label, status: res.status, problem: `a rejected request changed row counts: ${changed}` });
        }
        counts = after;
      }
    }
    return { operations: operations.length, requests, findings, statuses, ms };
  } finally {
    await s.close();
  }
}

function listOperations(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(methods)) ops.push({ method, path, op });
  }
  // Deletions, cancellations, voids and stops last: they take away what the other operations work on.
  const late = (o: Operation) => Number(o.method === 'delete' || /\/(cancel|void|stop)$/.test(o.path));
  return ops.sort((a, b) => late(a) - late(b));
}

interface Attempt {
  readonly what: string;
  readonly params: Record<string, string>;
  readonly query: [string, string][];
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

function* attempts(o: Operation, ids: Ids): Generator<Attempt> {
  const parameters = (o.op.parameters ?? []) as Schema[];
  const params = Object.fromEntries(
    parameters.filter((p) => p.in === 'path').map((p) => [p.name, encodeURIComponent(String(sample(p.schema, p.name, ids, o.path)))]),
  );
  const required = parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => [p.name, encodeURIComponent(String(sample(p.schema, p.name, ids, o.path)))] as [string, string]);
  const bodySchema = o.op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
  const bases = bodySchema ? samples(bodySchema, '', ids, o.path).slice(0, 40) : [undefined];
  const base = { params, query: required, headers: {}, body: bases[0] };

  yield { ...base, what: 'as sampled' };
  for (const p of parameters) {
    const values = p.in === 'header' ? HEADER_VALUES : URL_VALUES;
    for (const v of values) {
      const what = `${p.in} ${p.name}=${v.length > 40 ? `${v.length} chars` : JSON.stringify(v)}`;
      if (p.in === 'path') yield { ...base, what, params: { ...params, [p.name]: v } };
      else if (p.in === 'query') yield { ...base, what, query: [...required.filter(([n]) => n !== p.name), [p.name, v]] };
      else yield { ...base, what, headers: { [p.name]: v } };
    }
    if (p.in === 'query') yield { ...base, what: `query ${p.name} twice (an array)`, query: [...required, [p.name, 'a'], [p.name, 'b']] };
  }
  if (!bodySchema) return;
  yield { ...base, what: 'a body past the size limit', body: OVERSIZED_BODY };
  const seen = new Set<string>();
  let turn = 0;
  for (const body of bases) {
    for (const path of nodes(body)) {
      const key = path.map((k) => (typeof k === 'number' ? '[]' : k)).join('.');
      if (seen.has(key)) continue;
      seen.add(key);
      for (const v of [...BODY_VALUES, WRONG_TYPES[turn++ % WRONG_TYPES.length]])
        yield { ...base, what: `body ${key || '(root)'}=${shown(v)}`, body: replaceAt(body, path, v) };
      const node = at(body, path);
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        yield { ...base, what: `body ${key || '(root)'} with a key holding NUL`, body: replaceAt(body, path, { ...node, 'k\u0000': 'v' }) };
      }
    }
  }
}

const shown = (v: unknown): string => (typeof v === 'string' && v.length > 40 ? `${v.length} chars` : JSON.stringify(v));

async function send(s: TestServer, o: Operation, a: Attempt) {
  const path = o.path.replace(/\{([^}]+)\}/g, (_, name: string) => a.params[name] ?? 'x');
  const query = a.query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
  const headers: Record<string, string> = { ...a.headers };
  const token = tokenFor(s, o.op);
  return s.request(o.method.toUpperCase(), path + (query ? `?${query}` : ''), {
    ...(token ? { token } : {}),
    headers,
    ...(a.body !== undefined ? { rawBody: JSON.stringify(a.body), headers: { ...headers, 'content-type': 'application/json' } } : {}),
  });
}

function tokenFor(s: TestServer, op: Schema): string | undefined {
  if (op['x-access'] === 'staff') return s.token({ subject: 'walk-staff', kind: 'staff', roles: op['x-roles'] as string[] });
  if (op['x-access'] === 'member') return s.token({ subject: DEMO_MEMBER_ID, kind: 'member', roles: [] });
  return undefined;
}

/**
 * Valid-looking values of a JSON schema. The first is the default (required properties only); the others
 * add one optional property each, or swap in another branch of a union (anyOf / oneOf), so that every
 * field is reached in a body that is otherwise as likely to pass as it can be.
 */
function samples(schema: Schema, name: string, ids: Ids, path: string): unknown[] {
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) return branches.filter((b) => b.type !== 'null').flatMap((b) => samples(b, name, ids, path));
  if (schema.type === 'object' && schema.properties) {
    const required = new Set((schema.required ?? []) as string[]);
    const props = Object.entries(schema.properties as Record<string, Schema>).map(([k, s]) => [k, samples(s, k, ids, path)] as const);
    const base = Object.fromEntries(props.filter(([k]) => required.has(k)).map(([k, v]) => [k, v[0]]));
    const others = props.flatMap(([k, v]) => (required.has(k) ? v.slice(1) : v).map((alt) => ({ ...base, [k]: alt })));
    return [base, ...others];
  }
  if (schema.type === 'array' && schema.items) {
    const n = Math.max(1, schema.minItems ?? 1);
    return samples(schema.items as Schema, name, ids, path).map((item) => Array.from({ length: n }, () => item));
  }
  return [sample(schema, name, ids, path)];
}

/** Plausible values by field name, where a made-up string would be refused before the field matters. */
const HINTS: Readonly<Record<string, unknown>> = {
  phone: '13800138000',
  district: '330106',
  address: '文三路 1 号',
  region: '330106',
  postcode: '310000',
  location: 'A-01-01',
  detail: '长安街 1 号',
  recipient: '李四',
  leverage: '1.5',
  orderFactor: '1',
  qualifyingPrice: '20.00',
  expectedPayable: '99999.00',
  logoUrl: 'https://example.com/logo.png',
  carrier: 'SF',
  trackingNumber: 'SF123',
  reason: 'walk',
};

const AMOUNT = '^-?\\d{1,12}(\\.\\d+)?$';
const FUTURE = new Date(Date.now() + 86_400_000);
const LATER = new Date(Date.now() + 7 * 86_400_000);

function sample(schema: Schema, name: string, ids: Ids, path: string): unknown {
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) return sample(branches.find((b) => b.type !== 'null') ?? branches[0]!, name, ids, path);
  switch (schema.type) {
    case 'object': {
      if (schema.properties) return samples(schema, name, ids, path)[0];
      if (schema.additionalProperties)
        return { [String(sample(schema.propertyNames ?? { type: 'string' }, 'key', ids, path))]: sample(schema.additionalProperties, name, ids, path) };
      return {};
    }
    case 'array':
      return samples(schema, name, ids, path)[0];
    case 'integer':
    case 'number':
      return Math.min(Math.max(schema.minimum ?? 1, 1), schema.maximum ?? 1);
    case 'boolean':
      return false;
    case 'string': {
      if (typeof HINTS[name] === 'string' && !schema.pattern) return HINTS[name];
      if (schema.format === 'date-time') return (/(end|until|to)$/i.test(name) ? LATER : FUTURE).toISOString();
      if (name === 'address' && (schema.maxLength ?? 300) <= 20) return '330106';
      if (schema.format === 'uri') return 'https://example.com/logo.png';
      if (schema.pattern === AMOUNT) return '10.00';
      if (typeof schema.pattern === 'string' && schema.pattern.includes('22,64')) return ids.guestId ?? 'x'.repeat(22);
      const known = idFor(name, ids, path);
      if (known) return known;
      if (typeof schema.pattern === 'string' && schema.pattern.includes('\\d{1,3}')) return '0.1';
      const text = 'walk1';
      return text.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? text.length);
    }
    default:
      // An unknown body (a channel's callback): a callback-like object to put hostile values into.
      return name === ''
        ? { paymentNumber: ids.paymentNumber ?? 'P1', transactionId: 'T1', amount: '1.00', currency: 'CNY', paidAt: FUTURE.toISOString(), signature: 'x' }
        : 'walk1';
  }
}

/** A real id for a parameter or field name; a templateId is a coupon or a freight template by the route. */
function idFor(name: string, ids: Ids, path: string): string | undefined {
  if (name === 'templateId') return path.startsWith('/admin/freight') ? ids.freightTemplateId : ids.couponTemplateId;
  if (name === 'memberId' && path.includes('purchase-limits')) return DEMO_MEMBER_ID;
  return ids[name];
}

/** Ids of the seeded demo data, read straight from the tables. */
async function demoIds(s: TestServer, p: MikroOrmPersistence): Promise<Ids> {
  const one = async (sql: string): Promise<string | undefined> => {
    const rows = await p.orm.em.fork().getConnection().execute<{ v: string }[]>(sql);
    return rows[0]?.v;
  };
  const guest = await s.request('POST', '/guest/carts');
  const entries: [string, string | undefined][] = [
    ['spuId', await one(`select id as v from spu where status = 'listed' order by code limit 1`)],
    ['skuId', await one(`select k.id as v from sku k join spu s on s.id = k.spu_id where s.status = 'listed' order by k.code limit 1`)],
    ['categoryId', await one(`select id as v from category order by array_length(path, 1) desc, id limit 1`)],
    ['brandId', await one('select id as v from brand order by id limit 1')],
    ['frontCategoryId', await one('select id as v from front_category order by id limit 1')],
    ['warehouseId', await one('select id as v from warehouse order by id limit 1')],
    ['couponTemplateId', await one('select id as v from coupon_template order by id limit 1')],
    ['freightTemplateId', await one('select id as v from freight_template order by id limit 1')],
    ['shopId', await one('select shop_id as v from freight_template order by id limit 1')],
    ['activityId', await one('select id as v from activity order by id limit 1')],
    ['groupId', await one('select id as v from group_buy order by id limit 1')],
    ['bargainId', await one('select id as v from bargain order by id limit 1')],
    ['memberId', DEMO_MEMBER_ID],
    ['orderId', await one(`select id as v from sales_order where member_id = '${DEMO_MEMBER_ID}' order by id limit 1`)],
    ['paymentNumber', await one('select number as v from payment order by id limit 1')],
    ['addressId', await one(`select a->>'id' as v from member, jsonb_array_elements(addresses) a where id = '${DEMO_MEMBER_ID}' limit 1`)],
    ['runId', await one('select id as v from rfm_run order by id limit 1')],
    ['channel', 'fake'],
    ['guestId', guest.body?.guestId as string | undefined],
  ];
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined));
}

/** One statement counting the rows of every table, prepared once per connection (it runs after every request). */
async function tableCounter(p: MikroOrmPersistence): Promise<() => Promise<Record<string, number>>> {
  const tables = (
    await p.orm.em.fork().getConnection().execute<{ t: string }[]>(`select tablename as t from pg_tables where schemaname = 'public' order by tablename`)
  ).map((r) => r.t);
  const sql = `select ${tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(', ')}`;
  return async () => {
    const session = await p.sessions.connect();
    try {
      const run = () => session.query<Record<string, number>>('execute walk_counts', []);
      const result = await run().catch(async () => (await session.query(`prepare walk_counts as ${sql}`, []), run()));
      return result.rows[0]!;
    } finally {
      session.release();
    }
  };
}

function diff(before: Record<string, number>, after: Record<string, number>): string | null {
  const changed = Object.keys(after).filter((t) => before[t] !== after[t]);
  return changed.length === 0 ? null : changed.map((t) => `${t} ${before[t]} → ${after[t]}`).join(', ');
}
