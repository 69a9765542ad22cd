import { checkBackwardCompatible, parseSchemaPath, validateEventSchema } from './schema-compatibility';

// A v1 order-placed schema; each case derives the next version from it.
const previous = {
  type: 'record',
  name: 'OrderPlaced',
  namespace: 'orders',
  'x-partition-key': 'orderId',
  fields: [
    { name: 'orderId', type: 'string' },
    { name: 'quantity', type: 'int' },
    { name: 'currency', type: 'string', default: 'EUR' },
    {
      name: 'shipTo',
      type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string', default: '' }] },
    },
  ],
};

type Field = (typeof previous.fields)[number] | Record<string, unknown>;

function withFields(change: (fields: Field[]) => Field[]): object {
  return { ...previous, fields: change([...previous.fields]) };
}

describe('checkBackwardCompatible', () => {
  it('passes when a field is added with a default', () => {
    // given
    const next = withFields((fields) => [...fields, { name: 'note', type: ['null', 'string'], default: null }]);
    // when
    const problems = checkBackwardCompatible(previous, next);
    // then
    expect(problems).toEqual([]);
  });

  it('fails, naming the field, when a field is added without a default', () => {
    // given
    const next = withFields((fields) => [...fields, { name: 'customerId', type: 'string' }]);
    // when
    const problems = checkBackwardCompatible(previous, next);
    // then
    expect(problems).toEqual([expect.stringMatching(/field "customerId" was added without a default/)]);
  });

  it('fails when a field drops its default, even though Avro alone would accept it', () => {
    // given
    const next = withFields((fields) =>
      fields.map((f) => (f.name === 'currency' ? { name: 'currency', type: 'string' } : f)),
    );
    // when
    const problems = checkBackwardCompatible(previous, next);
    // then
    expect(problems).toEqual([expect.stringMatching(/field "currency" lost its default \("EUR"\)/)]);
  });

  it('fails when a nested record field drops its default, naming the path to it', () => {
    // given
    const address = { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }] };
    const next = withFields((fields) =>
      fields.map((f) => (f.name === 'shipTo' ? { name: 'shipTo', type: address } : f)),
    );
    // when
    const problems = checkBackwardCompatible(previous, next);
    // then
    expect(problems).toEqual([expect.stringMatching(/field "shipTo.city" lost its default/)]);
  });

  it('fails when a field changes type incompatibly, naming the field and both types', () => {
    // given
    const next = withFields((fields) =>
      fields.map((f) => (f.name === 'quantity' ? { name: 'quantity', type: 'string' } : f)),
    );
    // when
    const problems = checkBackwardCompatible(previous, next);
    // then
    expect(problems).toEqual([expect.stringMatching(/field "quantity" changed type from int to string/)]);
  });

  it('passes when a field type is promoted the way Avro allows (int to long)', () => {
    // given
    const next = withFields((fields) =>
      fields.map((f) => (f.name === 'quantity' ? { name: 'quantity', type: 'long' } : f)),
    );
    // when / then
    expect(checkBackwardCompatible(previous, next)).toEqual([]);
  });

  it('passes when a field is removed', () => {
    // given
    const next = withFields((fields) => fields.filter((f) => f.name !== 'quantity'));
    // when / then
    expect(checkBackwardCompatible(previous, next)).toEqual([]);
  });

  it("reports avsc's own error when no field explains it, e.g. a renamed record", () => {
    // given
    const next = { ...previous, name: 'OrderWasPlaced' };
    // when
    const problems = checkBackwardCompatible(previous, next);
    // then
    expect(problems).toEqual([
      expect.stringMatching(/cannot read data written with the previous one: .*orders\.OrderPlaced/),
    ]);
  });

  it('fails when an enum drops a symbol and has no enum default', () => {
    // given
    const status = (symbols: string[]) => ({ name: 'status', type: { type: 'enum', name: 'Status', symbols } });
    const before = withFields((fields) => [...fields, status(['PENDING', 'CONFIRMED'])]);
    const after = withFields((fields) => [...fields, status(['PENDING'])]);
    // when
    const problems = checkBackwardCompatible(before, after);
    // then
    expect(problems).toEqual([
      expect.stringMatching(/field "status" \(enum orders.Status\) dropped symbol\(s\) CONFIRMED/),
    ]);
  });

  it('fails when the partition key moves to another field', () => {
    // given
    const next = { ...previous, 'x-partition-key': 'currency' };
    // when / then
    expect(checkBackwardCompatible(previous, next)).toEqual([expect.stringMatching(/"x-partition-key" changed/)]);
  });
});

describe('validateEventSchema', () => {
  it('accepts a record at a conventional path whose partition key is a string field', () => {
    expect(validateEventSchema('orders/order-placed.v1.avsc', previous)).toEqual([]);
  });

  it('rejects a path that does not follow <domain>/<event>.v<N>.avsc', () => {
    expect(validateEventSchema('orders/OrderPlaced.avsc', previous)).toEqual([
      expect.stringMatching(/must be <domain>/),
    ]);
  });

  it('rejects a schema that is not a record', () => {
    expect(validateEventSchema('orders/order-placed.v1.avsc', { type: 'string' })).toEqual([
      expect.stringMatching(/must be an Avro "record"/),
    ]);
  });

  it('rejects a missing partition key, one naming no field, and one naming a non-string field', () => {
    const withoutKey = Object.fromEntries(Object.entries(previous).filter(([name]) => name !== 'x-partition-key'));
    expect(validateEventSchema('orders/order-placed.v1.avsc', withoutKey)).toEqual([
      expect.stringMatching(/is missing/),
    ]);
    expect(validateEventSchema('orders/order-placed.v1.avsc', { ...previous, 'x-partition-key': 'nope' })).toEqual([
      expect.stringMatching(/not a field/),
    ]);
    expect(validateEventSchema('orders/order-placed.v1.avsc', { ...previous, 'x-partition-key': 'quantity' })).toEqual([
      expect.stringMatching(/must be a \(non-null\) string, found int/),
    ]);
  });

  it('rejects a union the codec cannot decode unwrapped', () => {
    const ambiguous = { ...previous, fields: [...previous.fields, { name: 'amount', type: ['int', 'long'] }] };
    expect(validateEventSchema('orders/order-placed.v1.avsc', ambiguous)).toEqual([
      expect.stringMatching(/ambiguous unwrapped union/),
    ]);
  });

  it('rejects invalid Avro', () => {
    const invalid = { ...previous, fields: [{ name: 'orderId', type: 'strin' }] };
    expect(validateEventSchema('orders/order-placed.v1.avsc', invalid)).toEqual([
      expect.stringMatching(/not a valid Avro/),
    ]);
  });
});

describe('parseSchemaPath', () => {
  it('reads domain, event type and version from the path', () => {
    expect(parseSchemaPath('orders/order-placed.v12.avsc')).toEqual({
      domain: 'orders',
      event: 'order-placed',
      type: 'orders.order-placed',
      version: 12,
    });
  });
});
