import { TestEventV1Contract } from '@platform/testing';
import { EventCatalogue } from './event-catalogue';
import { defineEvent } from './event-contract';
import { UndeliverableEventError } from './event-errors';
import { ALL_EVENT_CONTRACTS } from './generated';

// The one catalogue of contracts: looked up by topic or by type+version, one contract per topic.
describe('EventCatalogue', () => {
  const schema = { type: 'record', name: 'R', fields: [{ name: 'id', type: 'string' }] };
  const orderPlacedV1 = defineEvent<{ id: string }>({
    type: 'orders.order-placed',
    version: 1,
    keyField: 'id',
    schemaPath: 'orders/order-placed.v1.avsc',
    schema,
  });
  const orderPlacedV2 = defineEvent<{ id: string }>({
    type: 'orders.order-placed',
    version: 2,
    keyField: 'id',
    schemaPath: 'orders/order-placed.v2.avsc',
    schema,
  });

  it('finds a contract by topic and by type and version', () => {
    // given
    const catalogue = new EventCatalogue([TestEventV1Contract, orderPlacedV1, orderPlacedV2]);
    // when / then
    expect(catalogue.forTopic('orders.order-placed.v2')).toBe(orderPlacedV2);
    expect(catalogue.forType('orders.order-placed', 1)).toBe(orderPlacedV1);
    expect(catalogue.forType('platformtest.thing-happened', 1)).toBe(TestEventV1Contract);
  });

  it('lists every contract and each domain once, sorted', () => {
    // given
    const catalogue = new EventCatalogue([TestEventV1Contract, orderPlacedV1, orderPlacedV2]);
    // when / then
    expect(catalogue.all()).toEqual([TestEventV1Contract, orderPlacedV1, orderPlacedV2]);
    expect(catalogue.domains()).toEqual(['orders', 'platformtest']);
  });

  it('refuses an unknown topic or version with EVENT.UNKNOWN_TOPIC', () => {
    // given
    const catalogue = new EventCatalogue([orderPlacedV1]);
    // when / then
    for (const lookup of [
      () => catalogue.forTopic('orders.nope.v1'),
      () => catalogue.forType('orders.order-placed', 3),
    ]) {
      expect(lookup).toThrow(UndeliverableEventError);
      expect(lookup).toThrow(expect.objectContaining({ code: 'EVENT.UNKNOWN_TOPIC' }));
    }
  });

  it('refuses two contracts for the same topic', () => {
    // given
    const copy = { ...orderPlacedV1, schemaPath: 'elsewhere.avsc' };
    // when / then
    expect(() => new EventCatalogue([orderPlacedV1, copy])).toThrow(
      /duplicate contract for topic orders.order-placed.v1/,
    );
  });

  it('accepts the generated platform contracts (no topic listed twice)', () => {
    // given / when / then
    expect(() => new EventCatalogue(ALL_EVENT_CONTRACTS)).not.toThrow();
  });
});
