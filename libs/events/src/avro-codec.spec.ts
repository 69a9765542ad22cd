import { Type } from 'avsc';
import { TestEventV1Contract, type TestEventV1 } from '@platform/testing';
import { AvroCodec } from './avro-codec';
import { ContractViolationError, UndeliverableEventError } from './event-errors';

// The codec every transport uses: what it encodes must decode to the same payload, what the schema
// refuses must fail naming the field, and bytes it cannot read exactly must be undeliverable.
describe('AvroCodec', () => {
  const payload: TestEventV1 = { entityId: 'thing-1', seq: 7, note: 'héllo ✓' };

  function errorOf(act: () => unknown): unknown {
    try {
      act();
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to throw, but it returned');
  }

  it('round-trips a valid payload', () => {
    // given
    const codec = new AvroCodec();
    // when
    const bytes = codec.encode(TestEventV1Contract, payload);
    const decoded = codec.decode(TestEventV1Contract, bytes);
    // then
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(decoded).toEqual(payload);
  });

  it('decodes with a fresh codec what another codec encoded (nothing depends on the cache)', () => {
    // given
    const bytes = new AvroCodec().encode(TestEventV1Contract, payload);
    // when
    const decoded = new AvroCodec().decode(TestEventV1Contract, bytes);
    // then
    expect(decoded).toEqual(payload);
  });

  it('refuses a payload whose field has the wrong type, naming the field path', () => {
    // given
    const codec = new AvroCodec();
    const invalid = { entityId: 'thing-1', seq: 'seven', note: '' };
    // when
    const error = errorOf(() => codec.encode(TestEventV1Contract, invalid));
    // then
    expect(error).toBeInstanceOf(ContractViolationError);
    expect(error).toBeInstanceOf(UndeliverableEventError);
    expect((error as ContractViolationError).code).toBe('EVENT.CONTRACT_VIOLATION');
    expect((error as Error).message).toContain(TestEventV1Contract.topic);
    expect((error as Error).message).toContain('seq: got "seven"');
  });

  it('refuses a payload missing a required field, saying it is missing', () => {
    // given
    const codec = new AvroCodec();
    const invalid = { seq: 1, note: '' };
    // when
    const error = errorOf(() => codec.encode(TestEventV1Contract, invalid));
    // then
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as Error).message).toContain('entityId: got nothing (missing)');
  });

  it('names the root when the payload is not a record at all', () => {
    // given
    const codec = new AvroCodec();
    // when
    const error = errorOf(() => codec.encode(TestEventV1Contract, 'just a string'));
    // then
    expect(error).toBeInstanceOf(ContractViolationError);
    expect((error as Error).message).toContain('(root): got "just a string"');
  });

  it.each([
    ['garbage bytes', Buffer.from('not avro at all, just some text')],
    ['an empty body', Buffer.alloc(0)],
    ['a negative string length', Buffer.from([0x01])],
  ])('refuses to decode %s as EVENT.UNDECODABLE', (_label, bytes) => {
    // given
    const codec = new AvroCodec();
    // when
    const error = errorOf(() => codec.decode(TestEventV1Contract, bytes));
    // then
    expect(error).toBeInstanceOf(UndeliverableEventError);
    expect(error).not.toBeInstanceOf(ContractViolationError);
    expect((error as UndeliverableEventError).code).toBe('EVENT.UNDECODABLE');
    expect((error as Error).message).toContain(TestEventV1Contract.topic);
  });

  it('refuses a truncated body instead of decoding what is there', () => {
    // given
    const codec = new AvroCodec();
    const bytes = codec.encode(TestEventV1Contract, payload);
    // when
    const error = errorOf(() => codec.decode(TestEventV1Contract, bytes.subarray(0, bytes.length - 1)));
    // then
    expect(error).toBeInstanceOf(UndeliverableEventError);
    expect((error as UndeliverableEventError).code).toBe('EVENT.UNDECODABLE');
    expect((error as Error).message).toContain('truncated');
  });

  it('refuses a body with trailing bytes instead of ignoring them', () => {
    // given
    const codec = new AvroCodec();
    const bytes = Buffer.concat([codec.encode(TestEventV1Contract, payload), Buffer.from([0x00, 0x02])]);
    // when
    const error = errorOf(() => codec.decode(TestEventV1Contract, bytes));
    // then
    expect(error).toBeInstanceOf(UndeliverableEventError);
    expect((error as UndeliverableEventError).code).toBe('EVENT.UNDECODABLE');
    expect((error as Error).message).toContain('2 trailing bytes');
  });

  describe('decodeWritten (a writer schema from a schema registry)', () => {
    const fields = TestEventV1Contract.schema.fields as object[];
    const schemaWith = (extra: object[], keep = fields): Type =>
      Type.forSchema({ ...TestEventV1Contract.schema, fields: [...keep, ...extra] } as never);

    it('reads a body written with a newer schema that added a field with a default (the field is skipped)', () => {
      // given
      const newer = schemaWith([{ name: 'channel', type: 'string', default: 'web' }]);
      const body = newer.toBuffer({ ...payload, channel: 'app' });
      // when
      const decoded = new AvroCodec().decodeWritten(TestEventV1Contract, newer, body, 'schema id 2');
      // then
      expect({ ...decoded }).toEqual(payload);
    });

    it('reads a body written without a field the contract has a default for (the default is used)', () => {
      // given
      const older = schemaWith([], fields.slice(0, 2)); // entityId, seq: no note
      const body = older.toBuffer({ entityId: 'thing-1', seq: 7 });
      // when
      const decoded = new AvroCodec().decodeWritten(TestEventV1Contract, older, body, 'schema id 1');
      // then
      expect({ ...decoded }).toEqual({ entityId: 'thing-1', seq: 7, note: '' });
    });

    it('refuses a writer schema the contract cannot read as EVENT.INCOMPATIBLE_SCHEMA, naming the writer', () => {
      // given: the writer lacks `seq`, which the contract needs and has no default for
      const other = schemaWith([], [fields[0]]);
      const body = other.toBuffer({ entityId: 'thing-1' });
      // when
      const error = errorOf(() => new AvroCodec().decodeWritten(TestEventV1Contract, other, body, 'schema id 9'));
      // then
      expect(error).toBeInstanceOf(UndeliverableEventError);
      expect(error).toMatchObject({ code: 'EVENT.INCOMPATIBLE_SCHEMA' });
      expect((error as Error).message).toMatch(/a body written with schema id 9 cannot be read as platformtest/);
    });

    it("refuses a truncated body as EVENT.UNDECODABLE, as for the contract's own schema", () => {
      // given
      const newer = schemaWith([{ name: 'channel', type: 'string', default: 'web' }]);
      const body = newer.toBuffer({ ...payload, channel: 'app' });
      // when
      const error = errorOf(() =>
        new AvroCodec().decodeWritten(TestEventV1Contract, newer, body.subarray(0, body.length - 2), 'schema id 2'),
      );
      // then
      expect(error).toMatchObject({ code: 'EVENT.UNDECODABLE' });
    });
  });
});
