import { CUSTOMER_ADDRESS } from '../order-flow';
import { UNKNOWN_UUID, type BadRequest, type BadRequestFixtures } from './bad-request';

function goodOrder(f: BadRequestFixtures): Record<string, unknown> {
  return {
    customerId: '0192f5a4-0000-7000-8000-00000000c0de',
    customerEmail: 'ada@example.com',
    currency: 'EUR',
    lines: [{ sku: f.sku, quantity: 1 }],
    shippingAddress: CUSTOMER_ADDRESS,
    paymentToken: 'tok_visa',
  };
}

const REQUIRED = ['customerId', 'customerEmail', 'currency', 'lines', 'shippingAddress', 'paymentToken'];

/** POST /orders and the order queries: every way a client gets an order wrong */
export function orderCases(f: BadRequestFixtures): BadRequest[] {
  const place = (name: string, change: (o: Record<string, unknown>) => void, status: number, says: RegExp) => {
    const body = goodOrder(f);
    change(body);
    return { name, method: 'POST', route: '/orders', path: '/orders', body, status, says } as BadRequest;
  };
  const line = (l: Record<string, unknown>) => (o: Record<string, unknown>) => (o.lines = [l]);
  return [
    // a field left out is said to be required, and only that (not "must be an email")
    ...REQUIRED.map((field) =>
      place(
        `missing ${field}`,
        (o) => delete o[field],
        400,
        new RegExp(`"${field}","problems":\\["${field} is required"\\]`),
      ),
    ),
    place('a line missing its sku', line({ quantity: 1 }), 400, /"lines\[0\]\.sku","problems":\["sku is required"\]/),
    ...unstorableText(place),
    place('customerId not a UUID', (o) => (o.customerId = 'me'), 400, /customerId must be a UUID/),
    place('customerId a number', (o) => (o.customerId = 42), 400, /customerId/),
    place('email not an email', (o) => (o.customerEmail = 'ada-at-example'), 400, /customerEmail/),
    place('currency lower case', (o) => (o.currency = 'eur'), 400, /currency/),
    place('currency not ISO 4217', (o) => (o.currency = 'XYZ'), 400, /currency/),
    place('lines not an array', (o) => (o.lines = { sku: f.sku, quantity: 1 }), 400, /lines/),
    place('lines empty', (o) => (o.lines = []), 400, /lines/),
    place(
      'over 100 lines',
      (o) => (o.lines = Array.from({ length: 101 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }))),
      400,
      /lines/,
    ),
    place(
      'a line repeats a sku',
      (o) =>
        (o.lines = [
          { sku: f.sku, quantity: 1 },
          { sku: f.sku, quantity: 2 },
        ]),
      400,
      /repeat/,
    ),
    place('quantity negative', line({ sku: f.sku, quantity: -1 }), 400, /lines\[0\]\.quantity/),
    place('quantity zero', line({ sku: f.sku, quantity: 0 }), 400, /lines\[0\]\.quantity/),
    place('quantity absurd', line({ sku: f.sku, quantity: 1_000_000_000 }), 400, /lines\[0\]\.quantity/),
    place('quantity a fraction', line({ sku: f.sku, quantity: 1.5 }), 400, /lines\[0\]\.quantity/),
    place('quantity a string', line({ sku: f.sku, quantity: '2' }), 400, /lines\[0\]\.quantity/),
    place('quantity missing', line({ sku: f.sku }), 400, /lines\[0\]\.quantity/),
    place('a line with an extra field', line({ sku: f.sku, quantity: 1, priceMinor: 1 }), 400, /priceMinor/),
    place('a line that is null', (o) => (o.lines = [null]), 400, /lines/),
    place('an extra top-level field', (o) => (o.totalMinor = 1), 400, /totalMinor/),
    place(
      'address missing country',
      (o) => (o.shippingAddress = { ...CUSTOMER_ADDRESS, country: undefined }),
      400,
      /country/,
    ),
    place('address with an extra field', (o) => (o.shippingAddress = { ...CUSTOMER_ADDRESS, floor: 3 }), 400, /floor/),
    place('address a string', (o) => (o.shippingAddress = '12 St James Square'), 400, /shippingAddress/),
    place('payment token empty', (o) => (o.paymentToken = ''), 400, /paymentToken/),
    place('an unknown sku', line({ sku: 'SKU-DOES-NOT-EXIST', quantity: 1 }), 422, /ORDER.UNKNOWN_SKU/),
    {
      ...place('Idempotency-Key over 200 characters', () => undefined, 400, /Idempotency-Key/),
      headers: { 'Idempotency-Key': 'k'.repeat(201) },
    },
    {
      name: 'text/plain body',
      method: 'POST',
      route: '/orders',
      path: '/orders',
      raw: { text: JSON.stringify(goodOrder(f)), contentType: 'text/plain' },
      status: 415,
      says: /REQUEST.NOT_JSON/,
    },
    ...listQueries(),
    { name: 'no customerId', method: 'GET', route: '/orders', path: '/orders', status: 400, says: /customerId/ },
    {
      name: 'customerId not a UUID',
      method: 'GET',
      route: '/orders',
      path: '/orders?customerId=42',
      status: 400,
      says: /customerId/,
    },
    {
      name: 'limit 0',
      method: 'GET',
      route: '/orders',
      path: `/orders?customerId=${UNKNOWN_UUID}&limit=0`,
      status: 400,
      says: /limit/,
    },
    {
      name: 'limit not a number',
      method: 'GET',
      route: '/orders',
      path: `/orders?customerId=${UNKNOWN_UUID}&limit=ten`,
      status: 400,
      says: /limit/,
    },
    {
      name: 'a forged cursor',
      method: 'GET',
      route: '/orders',
      path: `/orders?customerId=${UNKNOWN_UUID}&cursor=bm9wZQ`,
      status: 400,
      says: /cursor/,
    },
    {
      name: 'an unknown query parameter',
      method: 'GET',
      route: '/orders',
      path: `/orders?customerId=${UNKNOWN_UUID}&status=PAID`,
      status: 400,
      says: /status/,
    },
    { name: 'id not a UUID', method: 'GET', route: '/orders/{id}', path: '/orders/123', status: 400, says: /id/ },
    {
      name: 'unknown order',
      method: 'GET',
      route: '/orders/{id}',
      path: `/orders/${UNKNOWN_UUID}`,
      status: 404,
      says: /ORDER|not found|No order/i,
    },
    {
      name: 'cancel: id not a UUID',
      method: 'POST',
      route: '/orders/{id}/cancel',
      path: '/orders/x/cancel',
      status: 400,
      says: /id/,
    },
    {
      name: 'cancel: unknown order',
      method: 'POST',
      route: '/orders/{id}/cancel',
      path: `/orders/${UNKNOWN_UUID}/cancel`,
      status: 404,
      says: /ORDER|No order/i,
    },
    {
      name: 'wrong method',
      method: 'DELETE',
      route: '/orders/{id}',
      path: `/orders/${f.orderId}`,
      status: 404,
      says: /Cannot DELETE/,
    },
  ];
}

type Place = (name: string, change: (o: Record<string, unknown>) => void, status: number, says: RegExp) => BadRequest;

/** text PostgreSQL cannot store, in every string field of an order: once a 500 from the database */
function unstorableText(place: Place): BadRequest[] {
  const text: Array<[string, (o: Record<string, unknown>, bad: string) => void]> = [
    ['customerEmail', (o, bad) => (o.customerEmail = `ada${bad}@example.com`)],
    ['paymentToken', (o, bad) => (o.paymentToken = `tok_${bad}`)],
    ['currency', (o, bad) => (o.currency = `EU${bad}`)],
    ['customerId', (o, bad) => (o.customerId = `0192f5a4-0000-7000-8000-00000000c0d${bad}`)],
    ['lines[0].sku', (o, bad) => (o.lines = [{ sku: `SKU-${bad}`, quantity: 1 }])],
    ...['name', 'line1', 'line2', 'city', 'postalCode', 'country'].map(
      (part): [string, (o: Record<string, unknown>, bad: string) => void] => [
        `shippingAddress.${part}`,
        (o, bad) => (o.shippingAddress = { ...CUSTOMER_ADDRESS, [part]: `x${bad}y` }),
      ],
    ),
  ];
  return text.flatMap(([field, set]) => {
    const named = new RegExp(`"${field.replace(/[[\].]/g, '\\$&')}"`);
    return [
      place(`a NUL character in ${field}`, (o) => set(o, '\u0000'), 400, named),
      place(`an unpaired surrogate in ${field}`, (o) => set(o, '\ud800'), 400, named),
      place(`an unpaired low surrogate in ${field}`, (o) => set(o, '\udc00x'), 400, named),
    ];
  });
}

/** GET /orders: numbers only in plain decimal digits, within what a column holds; storable text */
function listQueries(): BadRequest[] {
  const list = (name: string, query: string, says: RegExp): BadRequest => ({
    name,
    method: 'GET',
    route: '/orders',
    path: `/orders?customerId=${UNKNOWN_UUID}&${query}`,
    status: 400,
    says,
  });
  return [
    ...['0x10', '1e1', '%2B1', '%201%20', '', '1.0', '99999999999999999999', '-1', '1_0'].map((limit) =>
      list(`limit=${limit}`, `limit=${limit}`, /"field":"limit"/),
    ),
    list('two limits', 'limit=1&limit=2', /"field":"limit"/),
    list('a NUL in the cursor', 'cursor=abc%00def', /"field":"cursor".*NUL/),
    list('a cursor PostgreSQL cannot hold', `cursor=${forgedCursor('-271821-04-20T00:00:00.000Z')}`, /cursor/),
    list('a __proto__ parameter', '__proto__=1', /__proto__.*should not exist/),
    list('a constructor parameter', 'constructor=1', /constructor.*should not exist/),
    {
      name: 'a NUL in customerId',
      method: 'GET',
      route: '/orders',
      path: '/orders?customerId=%00',
      status: 400,
      says: /"field":"customerId".*NUL/,
    },
    {
      name: 'id a NUL',
      method: 'GET',
      route: '/orders/{id}',
      path: '/orders/%00',
      status: 400,
      says: /"field":"id".*NUL/,
    },
    {
      name: 'id invalid percent-encoding',
      method: 'GET',
      route: '/orders/{id}',
      path: '/orders/%ED%A0%80',
      status: 400,
      says: /REQUEST.INVALID/,
    },
  ];
}

/** a cursor this API could have made, but for a date beyond what timestamptz holds */
function forgedCursor(at: string): string {
  return Buffer.from(JSON.stringify([at, UNKNOWN_UUID])).toString('base64url');
}
