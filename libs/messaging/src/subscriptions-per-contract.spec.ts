import { PATTERN_EXTRAS_METADATA, PATTERN_METADATA } from '@nestjs/microservices/constants';
import { TestEventV1Contract } from '@platform/testing';
import { subscriptionPattern } from './on-event.decorator';
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

  it('makes one set subscription per row, sending each its events at once', async () => {
    const sent: Array<[string, number]> = [];
    const classes = setSubscriptionsPerContract('g', [{ contract: TestEventV1Contract }], async (_c, row, events) => {
      sent.push([row.contract.topic, events.length]);
    });

    const cls = classes[0];
    expect(Reflect.getMetadata(PATTERN_METADATA, cls.prototype.handle)).toEqual([
      subscriptionPattern('g', TestEventV1Contract.topic),
    ]);
    expect(Reflect.getMetadata(PATTERN_EXTRAS_METADATA, cls.prototype.handle)).toMatchObject({ sets: true });
    await new cls({}).handle([{}, {}], {});
    expect(sent).toEqual([[TestEventV1Contract.topic, 2]]);
  });
});
