import { planHandover, type CommittedOffset, type LogPartitionRange } from './handover-plan';

const PLACED = 'orders.order-placed.v1';
const CONFIRMED = 'orders.order-confirmed.v1';

function range(topic: string, partition: number, oldest: number, next: number): LogPartitionRange {
  return { topic, partition, oldest: BigInt(oldest), next: BigInt(next) };
}

function committed(group: string, topic: string, partition: number, next: number): CommittedOffset {
  return { group, topic, partition, next: BigInt(next) };
}

describe('planHandover', () => {
  it('given two groups on a topic, hands over each partition from the lowest committed offset', () => {
    const plan = planHandover(
      [range(PLACED, 0, 0, 40), range(PLACED, 1, 0, 30)],
      [
        committed('notifications', PLACED, 0, 40),
        committed('analytics', PLACED, 0, 12),
        committed('notifications', PLACED, 1, 25),
        committed('analytics', PLACED, 1, 30),
      ],
      [
        { group: 'analytics', topic: PLACED },
        { group: 'notifications', topic: PLACED },
      ],
    );
    expect(plan.topics).toEqual([
      {
        topic: PLACED,
        groups: ['analytics', 'notifications'],
        partitions: [
          { partition: 0, from: 12n, to: 40n, slowest: 'analytics' },
          { partition: 1, from: 25n, to: 30n, slowest: 'notifications' },
        ],
        records: 33,
      },
    ]);
    expect(plan.records).toBe(33);
  });

  it('given a group that never committed on a partition, hands it over from the oldest retained record', () => {
    const plan = planHandover(
      [range(PLACED, 3, 7, 20)],
      [committed('notifications', PLACED, 3, 20)],
      [
        { group: 'analytics', topic: PLACED },
        { group: 'notifications', topic: PLACED },
      ],
    );
    expect(plan.topics[0].partitions).toEqual([{ partition: 3, from: 7n, to: 20n, slowest: 'analytics' }]);
  });

  it('given every group caught up, hands over nothing and lists no partition', () => {
    const plan = planHandover(
      [range(CONFIRMED, 0, 0, 5)],
      [committed('loyalty', CONFIRMED, 0, 5)],
      [{ group: 'loyalty', topic: CONFIRMED }],
    );
    expect(plan).toEqual({
      topics: [{ topic: CONFIRMED, groups: ['loyalty'], partitions: [], records: 0 }],
      records: 0,
    });
  });

  it('given a committed offset older than retention, starts at the oldest retained record (what is deleted is gone)', () => {
    const plan = planHandover(
      [range(PLACED, 0, 50, 60)],
      [committed('analytics', PLACED, 0, 10)],
      [{ group: 'analytics', topic: PLACED }],
    );
    expect(plan.topics[0].partitions[0]).toMatchObject({ from: 50n, to: 60n });
  });

  it('given a topic no group consumes (a dead-letter topic), hands over nothing of it', () => {
    const plan = planHandover([range('payments.dlq', 0, 0, 3)], [], [{ group: 'analytics', topic: PLACED }]);
    expect(plan.topics).toEqual([{ topic: 'payments.dlq', groups: [], partitions: [], records: 0 }]);
    expect(plan.records).toBe(0);
  });

  it('lists topics in name order and partitions in number order, whatever order the log gave them in', () => {
    const plan = planHandover(
      [range(PLACED, 2, 0, 1), range(CONFIRMED, 0, 0, 1), range(PLACED, 0, 0, 1)],
      [],
      [
        { group: 'analytics', topic: PLACED },
        { group: 'analytics', topic: CONFIRMED },
      ],
    );
    expect(plan.topics.map((t) => [t.topic, t.partitions.map((p) => p.partition)])).toEqual([
      [CONFIRMED, [0]],
      [PLACED, [0, 2]],
    ]);
  });
});
