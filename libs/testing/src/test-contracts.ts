import { defineEvent, type EventContract } from '@platform/events';

/**
 * Contracts for the platform's own tests, independent of the business catalogue.
 * `seq` lets tests check order per key; `payload` pads records to a realistic size.
 */
export interface TestEventV1 {
  readonly entityId: string;
  readonly seq: number;
  readonly note: string;
}

export const TestEventV1Contract: EventContract<TestEventV1> = defineEvent<TestEventV1>({
  type: 'platformtest.thing-happened',
  version: 1,
  keyField: 'entityId',
  schemaPath: 'test-only',
  schema: {
    type: 'record',
    name: 'ThingHappened',
    namespace: 'platformtest.v1',
    fields: [
      { name: 'entityId', type: 'string' },
      { name: 'seq', type: 'int' },
      { name: 'note', type: 'string', default: '' },
    ],
  },
});

export const TEST_CONTRACTS: readonly EventContract[] = [TestEventV1Contract];
