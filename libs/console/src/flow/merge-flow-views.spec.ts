import type { FlowView, GroupFlow } from './flow-view';
import { mergeFlowViews } from './merge-flow-views';

function group(service: string, overrides: Partial<GroupFlow> = {}): GroupFlow {
  return {
    group: 'payments',
    services: [service],
    lag: 0,
    partitions: [],
    consumedTotal: 10,
    consumedPerMinute: 2,
    failuresTotal: 1,
    failuresPerMinute: null,
    deadLettersPending: 3,
    waitingOn: [],
    ...overrides,
  };
}

function view(service: string, g: GroupFlow, sagaAge: number): FlowView {
  return {
    at: '2026-12-07T10:00:00.000Z',
    sources: [{ source: 'this process', service, error: null }],
    contexts: [
      {
        context: 'payments',
        outbox: { backlog: 4, oldestPendingAgeMs: sagaAge, publishedTotal: 5, publishedPerMinute: 1 },
        groups: [g],
      },
    ],
    sagas: [{ saga: 'order', state: 'awaiting_payment', count: 2, oldestStepAgeMs: sagaAge, oldestId: service }],
    shadows: [],
  };
}

describe('mergeFlowViews', () => {
  const local = view('a', group('a', { partitions: [{ topic: 't', partition: 0, lag: 2 }], lag: 2 }), 1);
  const peer = view(
    'b',
    group('b', {
      partitions: [
        { topic: 't', partition: 0, lag: 5 },
        { topic: 't', partition: 1, lag: 1 },
      ],
      lag: 6,
      failuresPerMinute: 0.5,
      waitingOn: ['database'],
    }),
    9,
  );

  it('adds what each process counts and keeps the larger of what both read from shared stores', () => {
    const merged = mergeFlowViews(local, [{ peer: 'http://b', answer: peer }]);
    expect(merged.contexts).toHaveLength(1);
    const [payments] = merged.contexts[0]!.groups;
    expect(payments).toEqual({
      group: 'payments',
      services: ['a', 'b'],
      lag: 6,
      partitions: [
        { topic: 't', partition: 0, lag: 5 },
        { topic: 't', partition: 1, lag: 1 },
      ],
      consumedTotal: 20,
      consumedPerMinute: 4,
      failuresTotal: 2,
      failuresPerMinute: 0.5,
      deadLettersPending: 3,
      waitingOn: ['database'],
    });
    expect(merged.contexts[0]!.outbox).toEqual({
      backlog: 4,
      oldestPendingAgeMs: 9,
      publishedTotal: 10,
      publishedPerMinute: 2,
    });
    expect(merged.sagas).toEqual([
      { saga: 'order', state: 'awaiting_payment', count: 2, oldestStepAgeMs: 9, oldestId: 'b' },
    ]);
    expect(merged.sources).toEqual([
      { source: 'this process', service: 'a', error: null },
      { source: 'http://b', service: 'b', error: null },
    ]);
  });

  it('shows a peer that did not answer as a source with its error', () => {
    const merged = mergeFlowViews(local, [{ peer: 'http://c', error: 'connect ECONNREFUSED' }]);
    expect(merged.sources[1]).toEqual({ source: 'http://c', service: null, error: 'connect ECONNREFUSED' });
    expect(merged.contexts).toEqual(local.contexts);
  });
});
