import type { ReceivedRecord } from './received-record';
import { checkRecordSize, consumerLimitsFromEnv, recordSize } from './record-size';

describe('record size limit', () => {
  const record = (value: Buffer): ReceivedRecord => ({
    topic: 't.e.v1',
    key: 'ké', // 3 bytes in UTF-8
    headers: { 'event-id': 'abc' }, // 8 + 3
    value,
    partition: 0,
    offset: '0',
  });

  it('counts key, header names and values, and the value, in bytes', () => {
    expect(recordSize(record(Buffer.alloc(10)))).toBe(3 + 11 + 10);
  });

  it('accepts a record at the maximum and refuses one byte more as EVENT.TOO_LARGE', () => {
    // given
    const max = 3 + 11 + 10;
    // when / then
    expect(() => checkRecordSize(record(Buffer.alloc(10)), max)).not.toThrow();
    expect(() => checkRecordSize(record(Buffer.alloc(11)), max)).toThrow(
      expect.objectContaining({
        code: 'EVENT.TOO_LARGE',
        message: expect.stringContaining('25 bytes, over the 24-byte'),
      }),
    );
  });

  it('defaults to 1 MiB and reads CONSUMER_MAX_RECORD_BYTES strictly', () => {
    expect(consumerLimitsFromEnv({})).toEqual({ maxRecordBytes: 1_048_576 });
    expect(consumerLimitsFromEnv({ CONSUMER_MAX_RECORD_BYTES: '2048' })).toEqual({ maxRecordBytes: 2048 });
    expect(() => consumerLimitsFromEnv({ CONSUMER_MAX_RECORD_BYTES: '1MB' })).toThrow(/CONSUMER_MAX_RECORD_BYTES/);
  });
});
