import type { BadRequest, BadRequestFixtures } from './bad-request';

const NEW_PRODUCT = { sku: 'SKU-BAD-REQ', name: 'A product', priceMinor: 100, currency: 'EUR', initialStock: 1 };

/** the catalogue and the stock: the public reads and the admin writes */
export function catalogueCases(f: BadRequestFixtures): BadRequest[] {
  const create = (name: string, change: Record<string, unknown>, status: number, says: RegExp): BadRequest => ({
    name,
    method: 'POST',
    route: '/admin/products',
    path: '/admin/products',
    auth: true,
    body: { ...NEW_PRODUCT, ...change },
    status,
    says,
  });
  const change = (name: string, body: unknown, status: number, says: RegExp, sku = f.sku): BadRequest => ({
    name,
    method: 'PATCH',
    route: '/admin/products/{sku}',
    path: `/admin/products/${sku}`,
    auth: true,
    body,
    status,
    says,
  });
  const adjust = (name: string, body: unknown, status: number, says: RegExp, sku = f.sku): BadRequest => ({
    name,
    method: 'POST',
    route: '/admin/products/{sku}/stock-adjustments',
    path: `/admin/products/${sku}/stock-adjustments`,
    auth: true,
    body,
    status,
    says,
  });
  const get = (name: string, route: string, path: string, status: number, says: RegExp): BadRequest => ({
    name,
    method: 'GET',
    route,
    path,
    status,
    says,
  });
  return [
    get('limit 0', '/products', '/products?limit=0', 400, /limit/),
    get('limit absurd', '/products', '/products?limit=100000', 400, /limit/),
    get('offset negative', '/products', '/products?offset=-1', 400, /offset/),
    get('offset not a number', '/products', '/products?offset=abc', 400, /offset/),
    get('malformed sku', '/products/{sku}', '/products/not%20a%20sku', 400, /sku/),
    get('unknown sku', '/products/{sku}', '/products/SKU-NOPE-404', 404, /INVENTORY.UNKNOWN_SKU/),
    create('sku lower case', { sku: 'sku-1' }, 400, /sku/),
    create('sku too long', { sku: `SKU-${'1'.repeat(70)}` }, 400, /sku/),
    create('price zero', { priceMinor: 0 }, 400, /priceMinor/),
    create('price negative', { priceMinor: -100 }, 400, /priceMinor/),
    create('price a fraction', { priceMinor: 1.5 }, 400, /priceMinor/),
    create('price a string', { priceMinor: '100' }, 400, /priceMinor/),
    create('currency not ISO', { currency: 'EURO' }, 400, /currency/),
    create('negative initial stock', { initialStock: -1 }, 400, /initialStock/),
    create('absurd initial stock', { initialStock: 2 ** 31 }, 400, /initialStock/),
    create('name empty', { name: '' }, 400, /name/),
    create('an extra field', { reserved: 5 }, 400, /reserved/),
    create('a sku that exists', { sku: f.sku }, 409, /INVENTORY/),
    change('unknown sku', { priceMinor: 5 }, 404, /INVENTORY.UNKNOWN_SKU/, 'SKU-NOPE-404'),
    change('malformed sku', { priceMinor: 5 }, 400, /sku/, 'lower'),
    change('price negative', { priceMinor: -5 }, 400, /priceMinor/),
    change('active not a boolean', { active: 'yes' }, 400, /active/),
    change('an extra field', { sku: 'SKU-OTHER' }, 400, /sku/),
    adjust('delta missing', {}, 400, /delta/),
    adjust('delta zero', { delta: 0 }, 400, /delta/),
    adjust('delta a string', { delta: '5' }, 400, /delta/),
    adjust('delta a fraction', { delta: 0.5 }, 400, /delta/),
    adjust('delta absurd', { delta: 1e12 }, 400, /delta/),
    adjust('below what exists', { delta: -1_000_000 }, 422, /INVENTORY.STOCK_BELOW/),
    adjust('unknown sku', { delta: 1 }, 404, /INVENTORY.UNKNOWN_SKU/, 'SKU-NOPE-404'),
  ];
}
