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
  ]);
}
