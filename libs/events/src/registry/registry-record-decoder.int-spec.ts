import { Type } from 'avsc';
import { TEST_CONTRACTS, TestEventV1Contract, TestSchemaRegistry, type TestEventV1 } from '@platform/testing';
import { AvroCodec } from '../avro-codec';
import { EnvelopeCodec } from '../envelope-codec';
import type { EventEnvelope } from '../envelope';
import { EventCatalogue } from '../event-catalogue';
import { HEADER, type WireRecord } from '../wire-record';
import { frameValue } from './confluent-wire-format';
import { RegistryRecordDecoder } from './registry-record-decoder';
import { SchemaRegistryClient } from './schema-registry-client';

// Decoding records in the Confluent wire format against the test double of a registry over HTTP:
// headers first, then the frame, the writer's schema by id, and the body resolved to the contract.
describe('RegistryRecordDecoder (HTTP, test registry)', () => {
  const SUBJECT = 'platformtest.thing-happened.v1-value';
  const avro = new AvroCodec();
  const codec = new EnvelopeCodec(new EventCatalogue(TEST_CONTRACTS), avro);
  const envelope: EventEnvelope<TestEventV1> = {
    eventId: '0190a6b2-7c1e-7d3a-9f00-000000000001',
    type: TestEventV1Contract.type,
    version: 1,
    key: 'thing-1',
    occurredAt: '2025-01-02T03:04:05.678Z',
    producer: 'platformtest',
    correlationId: 'corr-1',
    payload: { entityId: 'thing-1', seq: 3, note: 'n' },
  };
  const plain = codec.encode(envelope);
  const fields = TestEventV1Contract.schema.fields as object[];
  const newer = {
    ...TestEventV1Contract.schema,
    fields: [...fields, { name: 'channel', type: 'string', default: '' }],
  };
  let registry: TestSchemaRegistry;
  let decoder: RegistryRecordDecoder;

  beforeAll(async () => {
    registry = await TestSchemaRegistry.start();
    const client = new SchemaRegistryClient({
      url: registry.url,
      timeoutMs: 2_000,
      autoRegister: true,
      compatibility: 'BACKWARD_TRANSITIVE',
      clientId: 'decoder-spec',
    });
    decoder = new RegistryRecordDecoder(codec, avro, client);
  });

  afterAll(async () => {
    await registry.close();
  });

  const codeOf = (record: WireRecord): Promise<unknown> =>
    decoder.decode(record).then(
      () => 'decoded',
      (error: { code?: unknown }) => error.code,
    );

  it('decodes a framed record written with the contract schema', async () => {
    // given
    const id = registry.register(SUBJECT, TestEventV1Contract.schema);
    // when
    const decoded = await decoder.decode({ ...plain, value: frameValue(id, plain.value) });
    // then
    expect({ ...decoded, payload: { ...(decoded.payload as TestEventV1) } }).toEqual(envelope);
  });

  it('decodes a record written with a newer, backward-compatible schema of the subject', async () => {
    // given
    const id = registry.register(SUBJECT, newer);
    const body = Type.forSchema(newer as never).toBuffer({ ...envelope.payload, channel: 'app' });
    // when
    const decoded = await decoder.decode({ ...plain, value: frameValue(id, body) });
    // then
    expect({ ...(decoded.payload as TestEventV1) }).toEqual(envelope.payload);
  });

  it('refuses an unframed value, an unknown id, an unreadable writer and a short body, each for good', async () => {
    // given
    const known = registry.register(SUBJECT, TestEventV1Contract.schema);
    const other = registry.register('other-value', {
      type: 'record',
      name: 'Other',
      fields: [{ name: 'x', type: 'int' }],
    });
    // when / then
    expect(await codeOf(plain)).toBe('EVENT.NOT_WIRE_FORMAT');
    expect(await codeOf({ ...plain, value: frameValue(424242, plain.value) })).toBe('EVENT.UNKNOWN_SCHEMA_ID');
    expect(await codeOf({ ...plain, value: frameValue(other, plain.value) })).toBe('EVENT.INCOMPATIBLE_SCHEMA');
    expect(await codeOf({ ...plain, value: frameValue(known, plain.value.subarray(1)) })).toBe('EVENT.UNDECODABLE');
  });

  it('checks the headers before the frame and before asking the registry', async () => {
    // given
    const before = registry.requests.length;
    const headers = { ...plain.headers };
    delete headers[HEADER.correlationId];
    // when
    const code = await codeOf({ ...plain, headers, value: frameValue(31337, plain.value) });
    // then
    expect(code).toBe('EVENT.MISSING_HEADER');
    expect(registry.requests.length).toBe(before);
  });

  it('fails as retryable while the registry is unavailable, and decodes once it is back', async () => {
    // given: an id this decoder has not read yet
    const id = registry.register(SUBJECT, { ...newer, doc: 'another version' });
    const record = { ...plain, value: frameValue(id, Type.forSchema(newer as never).toBuffer(envelope.payload)) };
    registry.failWith(503);
    // when / then
    expect(await codeOf(record)).toBe('REGISTRY.UNAVAILABLE');
    registry.recover();
    expect(await codeOf(record)).toBe('decoded');
  });
});
