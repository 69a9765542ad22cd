import type { TopicSpec } from './topic-specs';

/** A topic as the cluster has it: partitions, replication factor and the configs we manage. */
export interface ExistingTopic {
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly config: Readonly<Record<string, string>>;
}

export type TopicAction =
  | { readonly kind: 'create'; readonly spec: TopicSpec }
  | { readonly kind: 'add-partitions'; readonly spec: TopicSpec; readonly from: number }
  | {
      readonly kind: 'alter-config';
      readonly spec: TopicSpec;
      readonly changes: ReadonlyArray<{ readonly key: string; readonly from?: string; readonly to: string }>;
    };

export interface TopicPlan {
  readonly actions: readonly TopicAction[];
  readonly unchanged: readonly string[];
  /** differences Kafka cannot apply in place; the plan refuses to run while there are any */
  readonly problems: readonly string[];
}

/**
 * What it takes to bring the cluster to the specs. Partitions only grow; a replication factor
 * is not changed in place (that is a partition reassignment, an operator's decision). Configs
 * not in a spec are left out of the comparison.
 */
export function planTopics(specs: readonly TopicSpec[], existing: ReadonlyMap<string, ExistingTopic>): TopicPlan {
  const actions: TopicAction[] = [];
  const unchanged: string[] = [];
  const problems: string[] = [];
  for (const spec of specs) {
    const current = existing.get(spec.name);
    if (!current) {
      actions.push({ kind: 'create', spec });
      continue;
    }
    let changed = false;
    if (current.partitions > spec.partitions) {
      problems.push(
        `${spec.name} has ${current.partitions} partitions and the file asks for ${spec.partitions}: Kafka cannot remove partitions`,
      );
    } else if (current.partitions < spec.partitions) {
      actions.push({ kind: 'add-partitions', spec, from: current.partitions });
      changed = true;
    }
    if (current.replicationFactor !== spec.replicationFactor) {
      problems.push(
        `${spec.name} has replication factor ${current.replicationFactor} and the file asks for ${spec.replicationFactor}: reassign its partitions with Kafka's tools`,
      );
    }
    const changes = Object.entries(spec.config)
      .filter(([key, value]) => current.config[key] !== value)
      .map(([key, to]) => ({ key, from: current.config[key], to }));
    if (changes.length > 0) {
      actions.push({ kind: 'alter-config', spec, changes });
      changed = true;
    }
    if (!changed) unchanged.push(spec.name);
  }
  return { actions, unchanged, problems };
}

/** One line per action, for the dry run and the log of a real run. */
export function describeAction(action: TopicAction): string {
  const { spec } = action;
  switch (action.kind) {
    case 'create':
      return `create ${spec.name}: ${spec.partitions} partitions, replication factor ${spec.replicationFactor}, ${formatConfig(spec.config)}`;
    case 'add-partitions':
      return `grow ${spec.name} from ${action.from} to ${spec.partitions} partitions (keys hash to new partitions from now on)`;
    case 'alter-config':
      return `configure ${spec.name}: ${action.changes.map((c) => `${c.key} ${c.from ?? '(default)'} -> ${c.to}`).join(', ')}`;
  }
}

function formatConfig(config: Readonly<Record<string, string>>): string {
  return Object.entries(config)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}
