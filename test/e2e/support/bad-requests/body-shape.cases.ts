import type { BadRequest, BadRequestFixtures } from './bad-request';

/** every endpoint that takes a JSON body */
function bodyEndpoints(f: BadRequestFixtures): Array<Pick<BadRequest, 'method' | 'route' | 'path' | 'auth'>> {
  return [
    { method: 'POST', route: '/orders', path: '/orders' },
    { method: 'POST', route: '/admin/products', path: '/admin/products', auth: true },
    { method: 'PATCH', route: '/admin/products/{sku}', path: `/admin/products/${f.sku}`, auth: true },
    {
      method: 'POST',
      route: '/admin/products/{sku}/stock-adjustments',
      path: `/admin/products/${f.sku}/stock-adjustments`,
      auth: true,
    },
    { method: 'PUT', route: '/admin/payments/processor-mode', path: '/admin/payments/processor-mode', auth: true },
    { method: 'PUT', route: '/admin/shipping/carrier-mode', path: '/admin/shipping/carrier-mode', auth: true },
    {
      method: 'PUT',
      route: '/admin/notifications/gateway-mode',
      path: '/admin/notifications/gateway-mode',
      auth: true,
    },
    { method: 'PUT', route: '/admin/analytics/mode', path: '/admin/analytics/mode', auth: true },
    { method: 'POST', route: '/admin/dead-letters/redrive', path: '/admin/dead-letters/redrive', auth: true },
    { method: 'POST', route: '/admin/dead-letters/discard', path: '/admin/dead-letters/discard', auth: true },
    {
      method: 'POST',
      route: '/admin/console/dead-letters/redrive',
      path: '/admin/console/dead-letters/redrive',
      auth: true,
    },
    {
      method: 'POST',
      route: '/admin/console/dead-letters/discard',
      path: '/admin/console/dead-letters/discard',
      auth: true,
    },
    {
      method: 'POST',
      route: '/admin/console/dead-letters/{context}/{id}/discard',
      path: '/admin/console/dead-letters/orders/1/discard',
      auth: true,
    },
    {
      method: 'POST',
      route: '/admin/dead-letters/{context}/{id}/discard',
      path: '/admin/dead-letters/orders/1/discard',
      auth: true,
    },
  ];
}

const JSON_TYPE = 'application/json';
const HUGE = JSON.stringify({ note: 'x'.repeat(200 * 1024) });
/** a few thousand levels: once a stack overflow in validation (500) */
const DEEP_ARRAYS = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const DEEP_OBJECTS = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
/** JSON escapes, as a client writes them: text PostgreSQL cannot store */
const NUL = '\\u0000';
const LONE_SURROGATE = '\\ud800';

/** bodies that are not JSON, not an object, or too big: the same answer on every endpoint */
export function bodyShapeCases(f: BadRequestFixtures): BadRequest[] {
  return bodyEndpoints(f).flatMap((endpoint) => [
    {
      ...endpoint,
      name: 'malformed JSON',
      raw: { text: '{"mode": "normal",', contentType: JSON_TYPE },
      status: 400,
      says: /JSON/i,
    },
    {
      ...endpoint,
      name: 'JSON that is not an object',
      raw: { text: '"normal"', contentType: JSON_TYPE },
      status: 400,
      says: /JSON|object/i,
    },
    {
      ...endpoint,
      name: 'a body over HTTP_BODY_LIMIT',
      raw: { text: HUGE, contentType: JSON_TYPE },
      status: 413,
      says: /too large/i,
    },
    {
      ...endpoint,
      name: 'an array instead of an object',
      raw: { text: '[]', contentType: JSON_TYPE },
      status: 400,
      says: /./,
    },
    ...notJson(endpoint),
    ...unsafeJson(endpoint),
  ]);
}

type Endpoint = ReturnType<typeof bodyEndpoints>[number];

/** a body in another format: 415, the body must be JSON, not a dozen field messages */
function notJson(endpoint: Endpoint): BadRequest[] {
  const as = (name: string, text: string, contentType: string): BadRequest => ({
    ...endpoint,
    name,
    raw: { text, contentType },
    status: 415,
    says: /REQUEST.NOT_JSON.*must be JSON/,
  });
  return [
    as('a JSON text sent as text/plain', '{"mode":"normal"}', 'text/plain'),
    as('a form', 'mode=normal&reason=because', 'application/x-www-form-urlencoded'),
    as('XML', '<mode>normal</mode>', 'application/xml'),
    as('no Content-Type', '{"mode":"normal"}', ''),
  ];
}

/** JSON that parses, but would crash validation or the database: refused before it gets there */
function unsafeJson(endpoint: Endpoint): BadRequest[] {
  const json = (name: string, text: string, says: RegExp): BadRequest => ({
    ...endpoint,
    name,
    raw: { text, contentType: JSON_TYPE },
    status: 400,
    says,
  });
  return [
    json('malformed JSON has a code', '{"mode": "normal",', /REQUEST.MALFORMED_JSON/),
    {
      ...endpoint,
      name: 'a gzip body that is not gzip',
      raw: { text: '{"mode":"normal"}', contentType: JSON_TYPE },
      headers: { 'Content-Encoding': 'gzip' },
      status: 400,
      says: /REQUEST.UNREADABLE_BODY/,
    },
    {
      ...endpoint,
      name: 'an unknown Content-Encoding',
      raw: { text: '{"mode":"normal"}', contentType: JSON_TYPE },
      headers: { 'Content-Encoding': 'x-bogus' },
      status: 415,
      says: /REQUEST.UNSUPPORTED_ENCODING/,
    },
    {
      ...endpoint,
      name: 'a charset that is not UTF-8',
      raw: { text: '{"mode":"normal"}', contentType: `${JSON_TYPE}; charset=koi8-r` },
      status: 415,
      says: /REQUEST.UNSUPPORTED_CHARSET/,
    },
    json('arrays 5000 levels deep', DEEP_ARRAYS, /REQUEST.TOO_DEEP.*32 levels/),
    json('objects 3000 levels deep', `{"mode":${DEEP_OBJECTS}}`, /REQUEST.TOO_DEEP.*"field":"mode(\.a)+"/),
    json('a __proto__ key', '{"__proto__":{"isAdmin":true}}', /"field":"__proto__".*should not exist/),
    json(
      'a constructor key, nested',
      '{"x":{"constructor":{"prototype":{"a":1}}}}',
      /x\.constructor.*should not exist/,
    ),
    json('a prototype key in an array', '[{"prototype":1}]', /\[0\]\.prototype.*should not exist/),
    json('a NUL character', `{"mode":"nor${NUL}mal"}`, /"field":"mode".*NUL/),
    json('a NUL character in a key', `{"mo${NUL}de":"normal"}`, /NUL/),
    json('an unpaired surrogate', `{"reason":"${LONE_SURROGATE}"}`, /"field":"reason".*surrogate/),
    json('null for a field', '{"mode":null}', /"field":"mode".*must not be null/),
  ];
}
