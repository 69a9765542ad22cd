import { UndeliverableEventError } from '../event-errors';
import { frameValue, unframeValue } from './confluent-wire-format';

// The Confluent wire format: 0x00, the schema id as 4 bytes big-endian, the Avro body. What is
// not framed so is refused for good, saying why.
describe('Confluent wire format', () => {
  it('frames a body behind the magic byte and the big-endian schema id, and reads it back', () => {
    // given
    const body = Buffer.from([0x0a, 0x0b, 0x0c]);
    // when
    const framed = frameValue(258, body);
    // then
    expect([...framed]).toEqual([0x00, 0x00, 0x00, 0x01, 0x02, 0x0a, 0x0b, 0x0c]);
    expect(unframeValue(framed, 't.v1')).toEqual({ schemaId: 258, body });
  });

  it('reads a frame with an empty body (an Avro record of no fields)', () => {
    expect(unframeValue(frameValue(7, Buffer.alloc(0)), 't.v1')).toEqual({ schemaId: 7, body: Buffer.alloc(0) });
  });

  it.each([
    ['a plain Avro body', Buffer.from([0x0e, 0x61, 0x62]), /t\.v1: .*no magic byte 0x00: it starts with 0x0e/],
    ['an empty value', Buffer.alloc(0), /no magic byte 0x00: the value is empty/],
    ['a value shorter than the header', Buffer.from([0x00, 0x00, 0x01]), /3 byte\(s\), shorter than the 5-byte header/],
  ])('refuses %s as EVENT.NOT_WIRE_FORMAT', (_label, value, reason) => {
    // given / when
    let error: unknown;
    try {
      unframeValue(value, 't.v1');
    } catch (e) {
      error = e;
    }
    // then
    expect(error).toBeInstanceOf(UndeliverableEventError);
    expect(error).toMatchObject({ code: 'EVENT.NOT_WIRE_FORMAT' });
    expect((error as Error).message).toMatch(reason);
  });
});
