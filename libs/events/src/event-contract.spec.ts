import { TestEventV1Contract } from '@platform/testing';
import { defineEvent, domainOf, partitionKeyOf, topicOf } from './event-contract';

describe('topicOf', () => {
  it('appends the major version to the type', () => {
    // given / when / then
    expect(topicOf('orders.order-placed', 1)).toBe('orders.order-placed.v1');
    expect(topicOf('orders.order-placed', 12)).toBe('orders.order-placed.v12');
  });
});

describe('domainOf', () => {
  it('is the part of the type before the first dot', () => {
    // given / when / then
    expect(domainOf('orders.order-placed')).toBe('orders');
    expect(domainOf('billing.invoice.issued')).toBe('billing');
  });

  it.each(['orderplaced', '.order-placed', ''])('refuses a type %p that has no domain', (type) => {
    // given / when / then
    expect(() => domainOf(type)).toThrow(/must be "<domain>.<event>"/);
  });
});

describe('defineEvent', () => {
  it('derives topic and domain and freezes the contract', () => {
    // given / when
    const contract = defineEvent<{ orderId: string }>({
      type: 'orders.order-placed',
      version: 2,
      keyField: 'orderId',
      schemaPath: 'orders/order-placed.v2.avsc',
      schema: { type: 'record', name: 'OrderPlaced', fields: [] },
    });
    // then
    expect(contract).toMatchObject({ topic: 'orders.order-placed.v2', domain: 'orders', keyField: 'orderId' });
    expect(Object.isFrozen(contract)).toBe(true);
  });
});

describe('partitionKeyOf', () => {
  it('reads the key field of the payload', () => {
    // given / when / then
    expect(partitionKeyOf(TestEventV1Contract, { entityId: 'thing-9', seq: 1, note: '' })).toBe('thing-9');
  });

  it.each([
    ['empty', ''],
    ['missing', undefined],
    ['not a string', 42],
  ])('refuses a key that is %s, naming the topic and field', (_label, entityId) => {
    // given
    const payload = { entityId, seq: 1, note: '' } as unknown as Parameters<typeof partitionKeyOf>[1];
    // when / then
    expect(() => partitionKeyOf(TestEventV1Contract, payload)).toThrow(
      'platformtest.thing-happened.v1: partition key field "entityId" must be a non-empty string',
    );
  });
});
