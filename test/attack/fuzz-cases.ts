// The fuzzer's request generator: fast-check arbitraries for one HTTP request against a registered route, kept
// symbolic (ids as "slot n of the pool", huge and deep bodies as sizes) until `materialize` turns it into bytes.
// Must not know the routes by hand: params, body keys and enums come from the route table and the wire schemas.
import fc from 'fast-check';
import type { z } from 'zod';
import * as driveWire from '../../src/shared/drive.js';
import * as wire from '../../src/shared/schemas.js';

export type RefKind = 'session' | 'thread' | 'instruction' | 'attachment' | 'skill';
type Spelling = 'exact' | 'upper' | 'padded' | 'compact' | 'quoted';

/** A real id from the pool, resolved when the request is sent (the pool changes as the fuzzer deletes things). */
export interface Ref {
  ref: RefKind;
  slot: number;
  spelling: Spelling;
}
type Value = Ref | { lit: string };
type Encoding = 'component' | 'raw' | 'double';

type FieldValue = { v: unknown } | { ref: Ref } | { huge: number } | { deep: number };

export type BodyCase =
  | { t: 'none' }
  | { t: 'json'; value: unknown }
  | { t: 'near'; fields: [string, FieldValue][] }
  | { t: 'deep'; depth: number; inKey: string | null; proto: boolean }
  | { t: 'huge'; key: string; size: number }
  | { t: 'text'; contentType: string; text: string }
  | { t: 'empty'; contentType: string }
  | { t: 'multipart'; boundary: 'ok' | 'missing' | 'mismatch' | 'garbage'; field: string; filename: string; data: string };

export interface FuzzCase {
  listener: number;
  route: number;
  method: string | null;
  params: { value: Value; encoding: Encoding }[];
  query: { pairs: [Value, Value][]; raw: string | null; waitTimeout: string };
  body: BodyCase;
  chunked: boolean;
}

export interface RouteInfo {
  method: string;
  url: string;
}

export interface Wire {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer | null;
  chunked: boolean;
  /** What was sent, short enough for a failure listing. */
  summary: string;
}

const PARAM_KIND: Record<string, RefKind> = {
  sessionId: 'session',
  threadId: 'thread',
  promptId: 'instruction',
  attachmentId: 'attachment',
  skillId: 'skill',
};
const KINDS: RefKind[] = ['session', 'thread', 'instruction', 'attachment', 'skill'];

export const WAIT_ROUTE = /\/wait$/;

/** Every key any request schema in src/shared reads, so a new field is fuzzed without touching this file. */
function schemaKeys(): string[] {
  const keys = new Set<string>(['codexThreadId', 'acknowledge', 'timeoutMs']);
  const visit = (schema: unknown, depth: number): void => {
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def || depth > 6) return;
    if (def.type === 'object') for (const key of Object.keys(def.shape as object)) keys.add(key);
    for (const inner of [def.innerType, def.in, ...((def.options as unknown[]) ?? [])]) visit(inner, depth + 1);
  };
  for (const [name, schema] of [...Object.entries(wire), ...Object.entries(driveWire)]) {
    if (/(Body|Patch)Schema$/.test(name)) visit(schema as z.ZodType, 0);
  }
  return [...keys].sort();
}
export const BODY_KEYS = schemaKeys();

const ENUMISH = [
  ...driveWire.DRIVE_SANDBOXES,
  ...driveWire.REASONING_EFFORTS,
  ...wire.SESSION_STATUSES,
  'json',
  'path',
  'gpt-5',
  '- [ ] one\n- [ ] two',
  '- [ ] only one',
];
const PERCENT_JUNK = ['%', '%zz', '%E0%A4%A', '%00', '%2F', '%2e%2e', '..', '.', '%C0%AE', '%uFFFF', '%%', '%25', '%FF%FE', '\\', ';x=1'];

const printable = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary', maxLength: 40 }), printable);

const refOf = (kinds: RefKind[]): fc.Arbitrary<Ref> =>
  fc.record({
    ref: fc.constantFrom(...kinds),
    slot: fc.nat(63),
    spelling: fc.constantFrom<Spelling>('exact', 'exact', 'exact', 'exact', 'upper', 'padded', 'compact', 'quoted'),
  });

function valueFor(name: string): fc.Arbitrary<Value> {
  const own = PARAM_KIND[name];
  const lit = (a: fc.Arbitrary<string>) => a.map((s) => ({ lit: s }));
  return fc.oneof(
    { weight: own ? 8 : 3, arbitrary: refOf(own ? [own] : KINDS) },
    { weight: 1, arbitrary: refOf(KINDS) },
    { weight: 2, arbitrary: lit(fc.uuid()) },
    { weight: 2, arbitrary: lit(text) },
    { weight: 1, arbitrary: lit(fc.constantFrom(...PERCENT_JUNK)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 150, max: 20_000 }), fc.constantFrom('a', 'é', '-', '%'))
        .map(([n, ch]) => ({ lit: ch.repeat(n) })),
    },
  );
}

const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  { weight: 4, arbitrary: text.map((v) => ({ v })) },
  { weight: 2, arbitrary: fc.constantFrom(...ENUMISH).map((v) => ({ v })) },
  { weight: 2, arbitrary: refOf(KINDS).map((ref) => ({ ref })) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)).map((v) => ({ v })) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 50, -1, 3_600_001, 1e21).map((v) => ({ v })) },
  { weight: 1, arbitrary: fc.array(fc.oneof(text, fc.uuid()), { maxLength: 5 }).map((v) => ({ v })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ v })) },
  { weight: 1, arbitrary: fc.constantFrom(201, 1_001, 100_001, 1_000_001).map((huge) => ({ huge })) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 20_000 }).map((deep) => ({ deep })) },
);

const contentTypes = fc.constantFrom(
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'application/json',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/octet-stream',
  'multipart/form-data',
  '*/*',
  '',
);

const bodyCase: fc.Arbitrary<BodyCase> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ t: 'none' as const }) },
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ t: 'json' as const, value })) },
  {
    weight: 8,
    arbitrary: fc
      .uniqueArray(fc.constantFrom(...BODY_KEYS), { minLength: 1, maxLength: 4 })
      .chain((keys) =>
        fc
          .tuple(...keys.map(() => fieldValue))
          .map((vs) => ({ t: 'near' as const, fields: keys.map((k, i): [string, FieldValue] => [k, vs[i]!]) })),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('deep' as const),
      depth: fc.integer({ min: 1_000, max: 100_000 }),
      inKey: fc.option(fc.constantFrom(...BODY_KEYS)),
      proto: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('huge' as const),
      key: fc.constantFrom(...BODY_KEYS),
      size: fc.constantFrom(1_000_001, 4 * 1024 * 1024 + 1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('text' as const),
      contentType: fc.oneof(contentTypes, printable),
      text: fc.oneof(text, fc.constantFrom('content=hi&title=x', '{', '{"content":', '[]', 'null', '"str"', '{"__proto__":{"x":1}}')),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('empty' as const), contentType: contentTypes }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('multipart' as const),
      boundary: fc.constantFrom('ok', 'ok', 'missing', 'mismatch', 'garbage'),
      field: fc.constantFrom('file', 'file', 'content', ''),
      filename: fc.oneof(fc.constantFrom('a.txt', 'pic.png', '../../etc/passwd', 'a"b.txt', 'x\r\ny.txt', ''), text),
      data: fc.oneof(text, fc.constantFrom('', '--', '\r\n--B--\r\n')),
    }),
  },
);

/** Query values for the wait route: small enough never to hold the run (0 would mean the 10-minute default), or invalid. */
const waitTimeout = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 50 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('%207', '0x1f', '5e1', '+9', '050', '25.0') },
  { weight: 2, arbitrary: fc.constantFrom('-1', 'abc', '1.5', '3600001', 'NaN', 'Infinity', '1e10', '%zz', '5&timeoutMs=6', 'true') },
);

/** One request: a route from the table (sometimes with another method), its params, query and body. */
export function fuzzCase(routes: RouteInfo[], listeners: number): fc.Arbitrary<FuzzCase> {
  return fc.nat(routes.length - 1).chain((route) => {
    const names = [...(routes[route] as RouteInfo).url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
    return fc.record({
      listener: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(listeners - 1) }),
      route: fc.constant(route),
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'PROPFIND') },
      ),
      params: fc.tuple(
        ...names.map((n) =>
          fc.record({ value: valueFor(n), encoding: fc.constantFrom<Encoding>('component', 'component', 'raw', 'double') }),
        ),
      ),
      query: fc.record({
        pairs: fc.array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom('format', 'inline', 'threadId', 'code', 'x').map((lit) => ({ lit })),
              valueFor('key'),
            ),
            valueFor('threadId'),
          ),
          {
            maxLength: 3,
          },
        ),
        raw: fc.option(fc.oneof(text, fc.constantFrom(...PERCENT_JUNK)), { freq: 4 }),
        waitTimeout,
      }),
      body: bodyCase,
      chunked: fc.boolean(),
    });
  });
}

/** UTF-8 percent-encoding that, unlike encodeURIComponent alone, also takes lone surrogates (as U+FFFD). */
function percentEncode(value: string): string {
  return encodeURIComponent(Buffer.from(value, 'utf8').toString());
}

/**
 * As sent raw on the request line: printable ASCII stays as it is ('/', '?', '#', '%' included). Bytes from 0x7f up
 * are escaped too: Node's HTTP parser refuses them before any route runs.
 */
function rawSpelling(value: string): string {
  return Buffer.from(value, 'utf8')
    .toString()
    .replace(/[^\x21-\x7e]+/g, encodeURIComponent);
}

function spell(id: string, spelling: Spelling): string {
  if (spelling === 'upper') return id.toUpperCase();
  if (spelling === 'padded') return ` ${id} `;
  if (spelling === 'compact') return id.replaceAll('-', '');
  if (spelling === 'quoted') return `"${id}"`;
  return id;
}

function encode(value: string, encoding: Encoding): string {
  if (encoding === 'raw') return rawSpelling(value);
  if (encoding === 'double') return percentEncode(percentEncode(value));
  return percentEncode(value);
}

const runs = new Map<string, string>();

/** `n` times `ch`, cut from one string built once per character: hundreds of cases want a megabyte of the same thing. */
function repeated(ch: string, n: number): string {
  let long = runs.get(ch) ?? '';
  if (long.length < n) {
    long = ch.repeat(Math.max(n, 2 * long.length));
    runs.set(ch, long);
  }
  return long.slice(0, n);
}

function deepText(depth: number, proto: boolean): string {
  const inner = proto ? '{"__proto__":{"polluted":true}}' : '1';
  return repeated('[', depth) + inner + repeated(']', depth);
}

function fieldText(value: FieldValue, resolve: (ref: Ref) => string): string {
  if ('huge' in value) return `"${repeated('x', value.huge)}"`;
  if ('deep' in value) return deepText(value.deep, false);
  if ('ref' in value) return JSON.stringify(spell(resolve(value.ref), value.ref.spelling));
  return JSON.stringify(value.v) ?? 'null';
}

function multipart(body: Extract<BodyCase, { t: 'multipart' }>): { contentType: string; bytes: Buffer } {
  const boundary = 'fuzzboundary7MA4YWxk';
  const part =
    `--${boundary}\r\nContent-Disposition: form-data; name="${body.field}"; filename="${body.filename}"\r\n` +
    `Content-Type: text/plain\r\n\r\n${body.data}\r\n--${boundary}--\r\n`;
  if (body.boundary === 'missing') return { contentType: 'multipart/form-data', bytes: Buffer.from(part) };
  if (body.boundary === 'mismatch') return { contentType: 'multipart/form-data; boundary=another', bytes: Buffer.from(part) };
  if (body.boundary === 'garbage') return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.from(body.data) };
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.from(part) };
}

function bodyBytes(body: BodyCase, resolve: (ref: Ref) => string): { contentType?: string; bytes: Buffer | null; summary: string } {
  switch (body.t) {
    case 'none':
      return { bytes: null, summary: 'no body' };
    case 'json': {
      const json = JSON.stringify(body.value) ?? 'null';
      return { contentType: 'application/json', bytes: Buffer.from(json), summary: json };
    }
    case 'near': {
      const json = `{${body.fields.map(([k, v]) => `${JSON.stringify(k)}:${fieldText(v, resolve)}`).join(',')}}`;
      return { contentType: 'application/json', bytes: Buffer.from(json), summary: json.slice(0, 300) };
    }
    case 'deep': {
      const nested = deepText(body.depth, body.proto);
      const json = body.inKey ? `{${JSON.stringify(body.inKey)}:${nested}}` : nested;
      return {
        contentType: 'application/json',
        bytes: Buffer.from(json),
        summary: `JSON nested ${body.depth} deep in ${body.inKey ?? '(top)'}`,
      };
    }
    case 'huge':
      return {
        contentType: 'application/json',
        bytes: Buffer.from(`{${JSON.stringify(body.key)}:"${repeated('x', body.size)}"}`),
        summary: `{"${body.key}": <${body.size} chars>}`,
      };
    case 'text':
      return {
        contentType: body.contentType,
        bytes: Buffer.from(body.text),
        summary: `${body.contentType}: ${JSON.stringify(body.text)}`,
      };
    case 'empty':
      return { contentType: body.contentType, bytes: Buffer.alloc(0), summary: `${body.contentType}: empty` };
    case 'multipart': {
      const { contentType, bytes } = multipart(body);
      return { contentType, bytes, summary: `${contentType}: ${JSON.stringify(bytes.toString().slice(0, 120))}` };
    }
  }
}

/** The exact request a case stands for, with ids taken from the pool as it is now. */
export function materialize(c: FuzzCase, routes: RouteInfo[], resolve: (ref: Ref) => string, skipped: Set<string>): Wire {
  const route = routes[c.route] as RouteInfo;
  // A changed method must not turn into a skipped route (GET on the event stream would never end).
  const method = c.method && !skipped.has(`${c.method} ${route.url}`) ? c.method : route.method;
  let i = 0;
  const path = route.url.replace(/:[A-Za-z]+/g, () => {
    const p = c.params[i++];
    if (!p) return 'x';
    const value = 'ref' in p.value ? spell(resolve(p.value), p.value.spelling) : p.value.lit;
    return encode(value, p.encoding);
  });
  const str = (v: Value) => ('ref' in v ? spell(resolve(v), v.spelling) : v.lit);
  const waiting = WAIT_ROUTE.test(route.url) && method === 'POST';
  const pairs = c.query.pairs.filter(([k]) => str(k) !== 'timeoutMs').map(([k, v]) => `${percentEncode(str(k))}=${percentEncode(str(v))}`);
  const raw = c.query.raw !== null && !/timeout/i.test(safeDecode(c.query.raw)) ? rawSpelling(c.query.raw) : null;
  // First, so that nothing fuzzed after it (a '#', a stray '?') can keep the router from reading it.
  const parts = [...(waiting ? [`timeoutMs=${c.query.waitTimeout}`] : []), ...pairs, ...(raw === null ? [] : [raw])];
  const target = parts.length > 0 ? `${path}?${parts.join('&')}` : path;
  const { contentType, bytes, summary } = bodyBytes(c.body, resolve);
  const headers: Record<string, string> = {};
  if (contentType !== undefined && contentType !== '') headers['content-type'] = contentType;
  return { method, target, headers, body: bytes, chunked: c.chunked && bytes !== null, summary: summary.slice(0, 300) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
