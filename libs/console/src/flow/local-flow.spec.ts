import { Registry } from 'prom-client';
import type { ConsumerGroupBinding, ConsumerGroups, ConsumerLagReader, PartitionLag } from '@platform/messaging';
import { PlatformMetrics, SagaWatch } from '@platform/observability';
import { LocalFlow } from './local-flow';

/** the process's own registry, groups and lag: what LocalFlow makes of them */
function localFlow(lag: PartitionLag[] = []) {
  const metrics = new PlatformMetrics(new Registry());
  const groups = {
    all: () => [{ group: 'payments', schema: 'payments' } as ConsumerGroupBinding],
  } as unknown as ConsumerGroups;
  const sagas = new SagaWatch();
  sagas.add(async () => [
    { saga: 'order', state: 'awaiting_payment', count: 1, oldestStepAgeSeconds: 3, oldestId: 'o-1' },
  ]);
  const reader: ConsumerLagReader = { partitionLag: async () => lag };
  return { metrics, flow: new LocalFlow('monolith', metrics, groups, sagas, reader) };
}

describe('LocalFlow', () => {
  it('reads each group’s counters, dead letters, waits and partitions, and each outbox’s backlog', async () => {
    const { metrics, flow } = localFlow([
      { group: 'payments', topic: 'payments.authorize-payment.v1', partition: 0, lag: 2 },
      { group: 'payments', topic: 'payments.authorize-payment.v1', partition: 1, lag: 3 },
    ]);
    metrics.eventsConsumed.inc({ topic: 't1', group: 'payments', outcome: 'handled' }, 4);
    metrics.eventsConsumed.inc({ topic: 't2', group: 'payments', outcome: 'duplicate' }, 1);
    metrics.handlerFailures.inc({ topic: 't1', group: 'payments', error: 'X' }, 2);
    metrics.deadLetterDepth.set({ context: 'payments', group: 'payments' }, 7);
    metrics.consumersWaiting.set({ group: 'payments', dependency: 'database' }, 1);
    metrics.consumersWaiting.set({ group: 'payments', dependency: 'broker' }, 0);
    metrics.outboxBacklog.set({ context: 'payments' }, 9);
    metrics.outboxOldestAge.set({ context: 'payments' }, 12);
    metrics.eventsPublished.inc({ topic: 't3', producer: 'payments' }, 6);

    const view = await flow.read();
    expect(view.sources).toEqual([{ source: 'this process', service: 'monolith', error: null }]);
    expect(view.contexts).toEqual([
      {
        context: 'payments',
        outbox: { backlog: 9, oldestPendingAgeMs: 12_000, publishedTotal: 6, publishedPerMinute: null },
        groups: [
          {
            group: 'payments',
            services: ['monolith'],
            lag: 5,
            partitions: [
              { topic: 'payments.authorize-payment.v1', partition: 0, lag: 2 },
              { topic: 'payments.authorize-payment.v1', partition: 1, lag: 3 },
            ],
            consumedTotal: 5,
            consumedPerMinute: null,
            failuresTotal: 2,
            failuresPerMinute: null,
            deadLettersPending: 7,
            waitingOn: ['database'],
          },
        ],
      },
    ]);
    expect(view.sagas).toEqual([
      { saga: 'order', state: 'awaiting_payment', count: 1, oldestStepAgeMs: 3_000, oldestId: 'o-1' },
    ]);
    expect(view.shadows).toEqual([]);
  });

  it('turns the counters’ growth between two readings into rates, per minute', async () => {
    const { metrics, flow } = localFlow();
    const now = jest.spyOn(Date, 'now').mockReturnValue(10_000);
    try {
      await flow.read();
      metrics.eventsConsumed.inc({ topic: 't1', group: 'payments', outcome: 'handled' }, 30);
      now.mockReturnValue(12_000);
      const [group] = (await flow.read()).contexts[0]!.groups;
      expect(group!.consumedPerMinute).toBe(900);
      expect(group!.failuresPerMinute).toBe(0);
    } finally {
      now.mockRestore();
    }
  });

  it('reports what a shadow process compares', async () => {
    const { metrics, flow } = localFlow();
    metrics.shadowComparisonResults.set({ context: 'loyalty', result: 'matched' }, 40);
    metrics.shadowComparisonResults.set({ context: 'loyalty', result: 'mismatched' }, 1);
    metrics.shadowLagRecords.set({ context: 'loyalty' }, 3);
    expect((await flow.read()).shadows).toEqual([
      { context: 'loyalty', service: 'monolith', results: { matched: 40, mismatched: 1 }, lagRecords: 3 },
    ]);
  });
});
