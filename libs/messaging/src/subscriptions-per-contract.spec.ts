import { PATTERN_EXTRAS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { TestEventV1Contract } from '@platform/testing';
import { subscriptionPattern, type SubscriptionExtras } from './on-event.decorator';
import { setSubscriptionsPerContract, subscriptionsPerContract } from './subscriptions-per-contract';

describe('subscriptions per contract', () => {
  it("makes one class per row, each subscribed to its row's topic for the group, sending through one function", async () => {
    const other = { ...TestEventV1Contract, topic: 'platformtest.other-thing.v1' };
    const sent: string[] = [];
    const classes = subscriptionsPerContract(
      'g',
      [{ contract: TestEventV1Contract }, { contract: other }],
      async (_c, row) => {
        sent.push(row.contract.topic);
      },
    );

    expect(new Set(classes).size).toBe(2);
    const patterns = classes.map((cls) => Reflect.getMetadata(PATTERN_METADATA, cls.prototype.handle));
    expect(patterns).toEqual([
      [subscriptionPattern('g', TestEventV1Contract.topic)],
      [subscriptionPattern('g', other.topic)],
    ]);
    await new classes[1]({}).handle({}, {});
    expect(sent).toEqual([other.topic]);
  });

  it('makes a set subscription per row for the set variant, sending all its events at once', async () => {
    const other = { ...TestEventV1Contract, topic: 'platformtest.other-thing.v1' };
    const sent: Array<[string, number]> = [];
    const classes = setSubscriptionsPerContract(
      'g',
      [{ contract: TestEventV1Contract }, { contract: other }],
      async (_c, row, events) => {
        sent.push([row.contract.topic, events.length]);
      },
    );

    const extras = classes.map(
      (cls) => Reflect.getMetadata(PATTERN_EXTRAS_METADATA, cls.prototype.handle) as SubscriptionExtras,
    );
    expect(extras).toEqual([
      { group: 'g', topic: TestEventV1Contract.topic, sets: true },
      { group: 'g', topic: other.topic, sets: true },
    ]);
    await new classes[0]({}).handle([{}, {}], {});
    expect(sent).toEqual([[TestEventV1Contract.topic, 2]]);
  });
});
