import { publishablePrefix, toWireRecord, type PendingRow } from './pending-rows';

// The relay publishes, per lane, only the rows no older running transaction can still overtake;
// publishing past an unsafe row could reorder a key.
describe('publishablePrefix', () => {
  function row(id: number, lane: number, safe: boolean): PendingRow {
    return {
      id: String(id),
      lane,
      topic: 'platformtest.thing-happened.v1',
      msg_key: `key-${lane}`,
      headers: { 'event-id': `e-${id}` },
      payload: Buffer.from([id]),
      safe,
    };
  }
  const ids = (rows: readonly PendingRow[]): string[] => rows.map((r) => r.id);

  it('publishes every row when all are safe, in id order, and is not blocked', () => {
    // given
    const rows = [row(1, 0, true), row(2, 1, true), row(3, 0, true)];
    // when
    const { ready, blocked } = publishablePrefix(rows);
    // then
    expect(ids(ready)).toEqual(['1', '2', '3']);
    expect(blocked).toBe(false);
  });

  it('stops a lane at its first unsafe row, even when later rows of that lane are safe', () => {
    // given
    const rows = [row(1, 0, true), row(2, 0, false), row(3, 0, true), row(4, 0, true)];
    // when
    const { ready, blocked } = publishablePrefix(rows);
    // then
    expect(ids(ready)).toEqual(['1']);
    expect(blocked).toBe(true);
  });

  it('lets the other lanes continue past an unsafe row in one lane', () => {
    // given
    const rows = [row(1, 0, true), row(2, 1, false), row(3, 0, true), row(4, 1, true), row(5, 2, true)];
    // when
    const { ready, blocked } = publishablePrefix(rows);
    // then
    expect(ids(ready)).toEqual(['1', '3', '5']);
    expect(blocked).toBe(true);
  });

  it('has nothing to publish and is not blocked when there are no rows', () => {
    // given / when
    const { ready, blocked } = publishablePrefix([]);
    // then
    expect(ready).toEqual([]);
    expect(blocked).toBe(false);
  });

  it('is blocked with nothing ready when the first row of every lane is unsafe', () => {
    // given
    const rows = [row(1, 0, false), row(2, 1, false), row(3, 0, true)];
    // when
    const { ready, blocked } = publishablePrefix(rows);
    // then
    expect(ready).toEqual([]);
    expect(blocked).toBe(true);
  });
});

describe('toWireRecord', () => {
  it('maps a row onto the record a transport sends', () => {
    // given
    const pending: PendingRow = {
      id: '9',
      lane: 3,
      topic: 't.v1',
      msg_key: 'k',
      headers: { 'event-id': 'e' },
      payload: Buffer.from('p'),
      safe: true,
    };
    // when / then
    expect(toWireRecord(pending)).toEqual({
      topic: 't.v1',
      key: 'k',
      headers: { 'event-id': 'e' },
      value: Buffer.from('p'),
    });
  });
});
