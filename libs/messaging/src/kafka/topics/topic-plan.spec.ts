import { describeAction, planTopics, type ExistingTopic } from './topic-plan';
import type { TopicSpec } from './topic-specs';

const spec = (
  name: string,
  partitions = 12,
  config: Record<string, string> = { 'retention.ms': '100' },
): TopicSpec => ({
  name,
  partitions,
  replicationFactor: 3,
  config,
});
const existing = (partitions: number, config: Record<string, string>, replicationFactor = 3): ExistingTopic => ({
  partitions,
  replicationFactor,
  config,
});

describe('planTopics', () => {
  it('creates what is missing and leaves alone what matches', () => {
    const plan = planTopics([spec('a'), spec('b')], new Map([['b', existing(12, { 'retention.ms': '100' })]]));
    expect(plan.actions.map((a) => [a.kind, a.spec.name])).toEqual([['create', 'a']]);
    expect(plan.unchanged).toEqual(['b']);
    expect(plan.problems).toEqual([]);
  });

  it('grows partitions and sets configs that differ, naming the old and new values', () => {
    const plan = planTopics(
      [spec('a', 12, { 'retention.ms': '100', 'cleanup.policy': 'delete' })],
      new Map([['a', existing(4, { 'retention.ms': '50', 'cleanup.policy': 'delete' })]]),
    );
    expect(plan.actions.map(describeAction)).toEqual([
      'grow a from 4 to 12 partitions (keys hash to new partitions from now on)',
      'configure a: retention.ms 50 -> 100',
    ]);
  });

  it('refuses to shrink partitions or change the replication factor in place', () => {
    const plan = planTopics([spec('a', 4)], new Map([['a', existing(12, { 'retention.ms': '100' }, 1)]]));
    expect(plan.actions).toEqual([]);
    expect(plan.problems).toEqual([
      'a has 12 partitions and the file asks for 4: Kafka cannot remove partitions',
      "a has replication factor 1 and the file asks for 3: reassign its partitions with Kafka's tools",
    ]);
  });

  it('describes a creation with its settings', () => {
    expect(describeAction({ kind: 'create', spec: spec('a') })).toBe(
      'create a: 12 partitions, replication factor 3, retention.ms=100',
    );
  });
});
