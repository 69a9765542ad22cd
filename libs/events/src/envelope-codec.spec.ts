import { TEST_CONTRACTS, TestEventV1Contract, type TestEventV1 } from '@platform/testing';
import { AvroCodec } from './avro-codec';
import type { EventEnvelope } from './envelope';
import { EnvelopeCodec } from './envelope-codec';
import { EventCatalogue } from './event-catalogue';
import { UndeliverableEventError } from './event-errors';
import { AVRO_BINARY, HEADER, type WireRecord } from './wire-record';

// Envelope <-> wire record: every envelope field travels as a documented header, and a record a
// consumer cannot trust is refused with a stable code that operators can filter dead letters by.
describe('EnvelopeCodec', () => {
  const codec = new EnvelopeCodec(new EventCatalogue(TEST_CONTRACTS), new AvroCodec());

  /** an envelope caused by a request: no causation id, no trace context */
  const bare: EventEnvelope<TestEventV1> = {
    eventId: '0190a6b2-7c1e-7d3a-9f00-000000000001',
    type: TestEventV1Contract.type,
    version: TestEventV1Contract.version,
    key: 'thing-1',
    occurredAt: '2025-01-02T03:04:05.678Z',
    producer: 'platformtest',
    correlationId: 'corr-1',
    payload: { entityId: 'thing-1', seq: 3, note: 'n' },
  };
  const envelope: EventEnvelope<TestEventV1> = {
    ...bare,
    causationId: '0190a6b2-7c1e-7d3a-9f00-000000000000',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  };

  function withHeaders(record: WireRecord, change: (headers: Record<string, string>) => void): WireRecord {
    const headers = { ...record.headers };
    change(headers);
    return { ...record, headers };
  }

  function undeliverable(act: () => unknown): UndeliverableEventError {
    try {
      act();
    } catch (error) {
      if (error instanceof UndeliverableEventError) return error;
      throw error;
    }
    throw new Error('expected an UndeliverableEventError, but the call returned');
  }

  describe('encode', () => {
    it('puts every envelope field in its documented header, keys by the envelope key, targets the contract topic', () => {
      // given / when
      const record = codec.encode(envelope);
      // then
      expect(record.topic).toBe('platformtest.thing-happened.v1');
      expect(record.key).toBe('thing-1');
      expect(record.headers).toEqual({
        'event-id': envelope.eventId,
        'event-type': 'platformtest.thing-happened',
        'event-version': '1',
        'occurred-at': envelope.occurredAt,
        producer: 'platformtest',
        'correlation-id': 'corr-1',
        'causation-id': envelope.causationId,
        traceparent: envelope.traceparent,
        'content-type': AVRO_BINARY,
      });
      expect(new AvroCodec().decode(TestEventV1Contract, record.value)).toEqual(envelope.payload);
    });

    it('leaves the optional causation and trace headers out when the envelope has none', () => {
      // given / when
      const record = codec.encode(bare);
      // then
      expect(record.headers).not.toHaveProperty(HEADER.causationId);
      expect(record.headers).not.toHaveProperty(HEADER.traceparent);
    });
  });

  describe('decode', () => {
    it('round-trips an envelope', () => {
      // given
      const record = codec.encode(envelope);
      // when
      const decoded = codec.decode(record);
      // then
      expect(decoded).toEqual(envelope);
    });

    it('round-trips an envelope without optional metadata as undefined fields', () => {
      // given / when
      const decoded = codec.decode(codec.encode(bare));
      // then
      expect(decoded).toEqual(bare);
      expect(decoded.causationId).toBeUndefined();
      expect(decoded.traceparent).toBeUndefined();
    });

    it('refuses a record without an event id as EVENT.MISSING_HEADER', () => {
      // given
      const record = withHeaders(codec.encode(envelope), (h) => delete h[HEADER.eventId]);
      // when
      const error = undeliverable(() => codec.decode(record));
      // then
      expect(error.code).toBe('EVENT.MISSING_HEADER');
      expect(error.message).toContain('event-id');
    });

    it('refuses an unknown type as EVENT.UNKNOWN_TYPE', () => {
      // given
      const record = withHeaders(codec.encode(envelope), (h) => (h[HEADER.type] = 'platformtest.nothing-happened'));
      // when
      const error = undeliverable(() => codec.decode(record));
      // then
      expect(error.code).toBe('EVENT.UNKNOWN_TYPE');
      expect(error.message).toContain('platformtest.nothing-happened');
    });

    it('refuses an unknown version of a known type as EVENT.UNKNOWN_VERSION, naming the known ones', () => {
      // given
      const record = withHeaders(codec.encode(envelope), (h) => (h[HEADER.version] = '2'));
      // when
      const error = undeliverable(() => codec.decode(record));
      // then
      expect(error.code).toBe('EVENT.UNKNOWN_VERSION');
      expect(error.message).toContain('platformtest.thing-happened.v2');
      expect(error.message).toContain('knows v1');
    });

    it('refuses a record that arrived on another topic than its contract names as EVENT.WRONG_TOPIC', () => {
      // given
      const record = { ...codec.encode(envelope), topic: 'orders.order-placed.v1' };
      // when
      const error = undeliverable(() => codec.decode(record));
      // then
      expect(error.code).toBe('EVENT.WRONG_TOPIC');
    });

    it.each(['x', '0', '-1', '1.5'])('refuses version header %p as EVENT.BAD_HEADER', (version) => {
      // given
      const record = withHeaders(codec.encode(envelope), (h) => (h[HEADER.version] = version));
      // when
      const error = undeliverable(() => codec.decode(record));
      // then
      expect(error.code).toBe('EVENT.BAD_HEADER');
    });

    it('refuses a body that does not decode as EVENT.UNDECODABLE', () => {
      // given
      const record = { ...codec.encode(envelope), value: Buffer.from('garbage') };
      // when
      const error = undeliverable(() => codec.decode(record));
      // then
      expect(error.code).toBe('EVENT.UNDECODABLE');
    });
  });
});
