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
    // beyond bigint: once a 500 from the database; and no hex, exponent, sign or padding
    ...['99999999999999999999', '9007199254740992', '0x10', '1e1', '%2B1', '%201%20', '', '1.5'].flatMap((n) => [
      get(`offset=${n}`, '/products', `/products?offset=${n}`, 400, /"field":"offset"/),
      get(`limit=${n}`, '/products', `/products?limit=${n}`, 400, /"field":"limit"/),
    ]),
    get('a NUL in a parameter', '/products', '/products?x=%00', 400, /NUL/),
    get('a NUL in the sku', '/products/{sku}', '/products/SKU-%00', 400, /"field":"sku".*NUL/),
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
    create('a NUL in the name', { name: 'Moka\u0000pot' }, 400, /"field":"name".*NUL/),
    create('an unpaired surrogate in the name', { name: 'Moka \ud83d pot' }, 400, /"field":"name".*surrogate/),
    create('a NUL in the sku', { sku: 'SKU-\u0000' }, 400, /"field":"sku".*NUL/),
    create('a NUL in the currency', { currency: 'EU\u0000' }, 400, /"field":"currency".*NUL/),
    create('name missing', { name: undefined }, 400, /"field":"name","problems":\["name is required"\]/),
    create('price beyond 2^53', { priceMinor: 2 ** 60 }, 400, /priceMinor/),
    create('a sku that exists', { sku: f.sku }, 409, /INVENTORY/),
    change('unknown sku', { priceMinor: 5 }, 404, /INVENTORY.UNKNOWN_SKU/, 'SKU-NOPE-404'),
    change('malformed sku', { priceMinor: 5 }, 400, /sku/, 'lower'),
    change('price negative', { priceMinor: -5 }, 400, /priceMinor/),
    change('active not a boolean', { active: 'yes' }, 400, /active/),
    change('an extra field', { sku: 'SKU-OTHER' }, 400, /sku/),
    change('a NUL in the name', { name: '\u0000' }, 400, /"field":"name".*NUL/),
    change('an unpaired surrogate in the name', { name: '\udfff' }, 400, /"field":"name".*surrogate/),
    change('name null', { name: null }, 400, /"field":"name".*null/),
    change('every field null', { name: null, priceMinor: null, active: null }, 400, /null/),
    change('a NUL in the sku', { priceMinor: 5 }, 400, /"field":"sku".*NUL/, 'SKU-%00'),
    adjust('delta missing', {}, 400, /delta/),
    adjust('delta zero', { delta: 0 }, 400, /delta/),
    adjust('delta a string', { delta: '5' }, 400, /delta/),
    adjust('delta a fraction', { delta: 0.5 }, 400, /delta/),
    adjust('delta absurd', { delta: 1e12 }, 400, /delta/),
    adjust('below what exists', { delta: -1_000_000 }, 422, /INVENTORY.STOCK_BELOW/),
    adjust('unknown sku', { delta: 1 }, 404, /INVENTORY.UNKNOWN_SKU/, 'SKU-NOPE-404'),
    adjust('delta beyond bigint', { delta: 1e20 }, 400, /delta/),
    adjust('delta null', { delta: null }, 400, /"field":"delta".*null/),
    adjust('a NUL in the sku', { delta: 1 }, 400, /"field":"sku".*NUL/, 'SKU-%00'),
  ];
}
