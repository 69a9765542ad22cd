import type { PeerAnswer } from '../console-peers';
import type { ContextFlow, FlowView, GroupFlow, OutboxFlow, SagaStepFlow } from './flow-view';

/**
 * This process's Flow view and its peers' (scope=local), as one. What each process reads from a
 * shared database or broker (lag, outbox backlog, dead letters, sagas) is the same seen from two
 * replicas, so the larger reading wins; what each counts itself (events consumed, published,
 * failed, and their rates) adds up. A peer that did not answer is a source with its error.
 */
export function mergeFlowViews(local: FlowView, peers: ReadonlyArray<PeerAnswer<FlowView>>): FlowView {
  const views = [local];
  const sources = [...local.sources];
  for (const peer of peers) {
    if ('error' in peer) {
      sources.push({ source: peer.peer, service: null, error: peer.error });
      continue;
    }
    views.push(peer.answer);
    sources.push(...peer.answer.sources.map((s) => ({ ...s, source: peer.peer })));
  }
  return {
    at: local.at,
    sources,
    contexts: mergeBy(
      views.flatMap((v) => v.contexts),
      (c) => c.context,
      mergeContexts,
    ),
    sagas: mergeBy(
      views.flatMap((v) => v.sagas),
      (s) => `${s.saga}\u0000${s.state}`,
      mergeSagaSteps,
    ),
    shadows: views.flatMap((v) => v.shadows),
  };
}

function mergeContexts(a: ContextFlow, b: ContextFlow): ContextFlow {
  return {
    context: a.context,
    outbox: a.outbox && b.outbox ? mergeOutboxes(a.outbox, b.outbox) : (a.outbox ?? b.outbox),
    groups: mergeBy([...a.groups, ...b.groups], (g) => g.group, mergeGroups),
  };
}

function mergeOutboxes(a: OutboxFlow, b: OutboxFlow): OutboxFlow {
  return {
    backlog: Math.max(a.backlog, b.backlog),
    oldestPendingAgeMs: Math.max(a.oldestPendingAgeMs, b.oldestPendingAgeMs),
    publishedTotal: a.publishedTotal + b.publishedTotal,
    publishedPerMinute: addRates(a.publishedPerMinute, b.publishedPerMinute),
  };
}

function mergeGroups(a: GroupFlow, b: GroupFlow): GroupFlow {
  const partitions = mergeBy(
    [...a.partitions, ...b.partitions],
    (p) => `${p.topic}\u0000${p.partition}`,
    (x, y) => (x.lag >= y.lag ? x : y),
  );
  return {
    group: a.group,
    services: [...new Set([...a.services, ...b.services])],
    lag: partitions.reduce((sum, p) => sum + p.lag, 0),
    partitions,
    consumedTotal: a.consumedTotal + b.consumedTotal,
    consumedPerMinute: addRates(a.consumedPerMinute, b.consumedPerMinute),
    failuresTotal: a.failuresTotal + b.failuresTotal,
    failuresPerMinute: addRates(a.failuresPerMinute, b.failuresPerMinute),
    deadLettersPending: Math.max(a.deadLettersPending, b.deadLettersPending),
    waitingOn: [...a.waitingOn, ...b.waitingOn],
  };
}

function mergeSagaSteps(a: SagaStepFlow, b: SagaStepFlow): SagaStepFlow {
  const older = a.oldestStepAgeMs >= b.oldestStepAgeMs ? a : b;
  return { ...older, count: Math.max(a.count, b.count) };
}

function addRates(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}

/** the items with the same key merged, in the order each key first appears */
function mergeBy<T>(items: readonly T[], keyOf: (item: T) => string, merge: (a: T, b: T) => T): T[] {
  const merged = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const seen = merged.get(key);
    merged.set(key, seen === undefined ? item : merge(seen, item));
  }
  return [...merged.values()];
}
