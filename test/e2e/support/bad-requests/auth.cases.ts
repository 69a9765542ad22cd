import { ADMIN_TOKEN } from '../running-platform';
import type { BadRequest, BadRequestFixtures } from './bad-request';

/** every admin endpoint, with a body good enough that only the credential is wrong */
function adminEndpoints(f: BadRequestFixtures): Array<Pick<BadRequest, 'method' | 'route' | 'path' | 'body'>> {
  return [
    {
      method: 'POST',
      route: '/admin/products',
      path: '/admin/products',
      body: { sku: 'SKU-AUTH', name: 'x', priceMinor: 1, currency: 'EUR', initialStock: 1 },
    },
    { method: 'PATCH', route: '/admin/products/{sku}', path: `/admin/products/${f.sku}`, body: { priceMinor: 5 } },
    {
      method: 'POST',
      route: '/admin/products/{sku}/stock-adjustments',
      path: `/admin/products/${f.sku}/stock-adjustments`,
      body: { delta: 1 },
    },
    { method: 'GET', route: '/admin/payments/processor-mode', path: '/admin/payments/processor-mode' },
    {
      method: 'PUT',
      route: '/admin/payments/processor-mode',
      path: '/admin/payments/processor-mode',
      body: { mode: 'fail-all' },
    },
    {
      method: 'POST',
      route: '/admin/shipments/{orderId}/advance',
      path: `/admin/shipments/${f.orderId}/advance`,
    },
    { method: 'GET', route: '/admin/shipping/carrier-mode', path: '/admin/shipping/carrier-mode' },
    {
      method: 'PUT',
      route: '/admin/shipping/carrier-mode',
      path: '/admin/shipping/carrier-mode',
      body: { mode: 'down' },
    },
    { method: 'GET', route: '/admin/notifications/gateway-mode', path: '/admin/notifications/gateway-mode' },
    {
      method: 'PUT',
      route: '/admin/notifications/gateway-mode',
      path: '/admin/notifications/gateway-mode',
      body: { mode: 'down' },
    },
    { method: 'GET', route: '/admin/analytics/mode', path: '/admin/analytics/mode' },
    { method: 'PUT', route: '/admin/analytics/mode', path: '/admin/analytics/mode', body: { mode: 'failing' } },
    { method: 'GET', route: '/admin/console/flow', path: '/admin/console/flow' },
    { method: 'GET', route: '/admin/dead-letters', path: '/admin/dead-letters' },
    { method: 'GET', route: '/admin/dead-letters/{context}/{id}', path: '/admin/dead-letters/orders/1' },
    {
      method: 'POST',
      route: '/admin/dead-letters/{context}/{id}/redrive',
      path: '/admin/dead-letters/orders/1/redrive',
    },
    { method: 'POST', route: '/admin/dead-letters/redrive', path: '/admin/dead-letters/redrive', body: {} },
    { method: 'GET', route: '/admin/dead-letters/count', path: '/admin/dead-letters/count' },
    {
      method: 'POST',
      route: '/admin/dead-letters/discard',
      path: '/admin/dead-letters/discard',
      body: { reason: 'not allowed' },
    },
    { method: 'GET', route: '/admin/alerts', path: '/admin/alerts' },
    { method: 'GET', route: '/admin/console/session', path: '/admin/console/session' },
    { method: 'GET', route: '/admin/console/dead-letters', path: '/admin/console/dead-letters' },
    { method: 'GET', route: '/admin/console/dead-letters/count', path: '/admin/console/dead-letters/count' },
    {
      method: 'GET',
      route: '/admin/console/dead-letters/{context}/{id}',
      path: '/admin/console/dead-letters/orders/1',
    },
    {
      method: 'POST',
      route: '/admin/console/dead-letters/{context}/{id}/redrive',
      path: '/admin/console/dead-letters/orders/1/redrive',
    },
    {
      method: 'POST',
      route: '/admin/console/dead-letters/{context}/{id}/discard',
      path: '/admin/console/dead-letters/orders/1/discard',
      body: { reason: 'not allowed' },
    },
    {
      method: 'POST',
      route: '/admin/console/dead-letters/redrive',
      path: '/admin/console/dead-letters/redrive',
      body: {},
    },
    {
      method: 'POST',
      route: '/admin/console/dead-letters/discard',
      path: '/admin/console/dead-letters/discard',
      body: { reason: 'not allowed' },
    },
    {
      method: 'POST',
      route: '/admin/dead-letters/{context}/{id}/discard',
      path: '/admin/dead-letters/orders/1/discard',
      body: { reason: 'not allowed' },
    },
    {
      method: 'GET',
      route: '/admin/console/orders/{orderId}/timeline',
      path: `/admin/console/orders/${f.orderId}/timeline`,
    },
  ];
}

/** as many characters as the token, each two bytes in UTF-8: once a RangeError (500) in the guard */
const NON_ASCII_TOKEN = 'é'.repeat(ADMIN_TOKEN.length);

/**
 * no credential, a wrong one, one of the wrong scheme or the wrong length in bytes: always 401,
 * never the operation
 */
export function authCases(f: BadRequestFixtures): BadRequest[] {
  return adminEndpoints(f).flatMap((endpoint) => [
    { ...endpoint, name: 'no admin credential', status: 401, says: /needs Authorization: Bearer/ },
    { ...endpoint, name: 'wrong admin token', auth: 'Bearer not-the-token', status: 401, says: /not valid/ },
    { ...endpoint, name: 'basic instead of bearer', auth: 'Basic YWRtaW46YWRtaW4=', status: 401, says: /Bearer/ },
    {
      ...endpoint,
      name: 'a non-ASCII token of the right length',
      auth: `Bearer ${NON_ASCII_TOKEN}`,
      status: 401,
      says: /ADMIN.UNAUTHORIZED.*not valid/,
    },
    // the scheme is case-insensitive: a lower-case one is read, and its wrong token refused as such
    {
      ...endpoint,
      name: 'lower-case bearer, wrong token',
      auth: 'bearer not-the-token',
      status: 401,
      says: /not valid/,
    },
    { ...endpoint, name: 'a bearer without a token', auth: 'Bearer ', status: 401, says: /needs Authorization/ },
  ]);
}
