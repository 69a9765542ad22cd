import { relative, resolve } from 'node:path';
import type { Environment } from '@platform/config';
import { environmentAtStart } from '@platform/host';
import { ALL_EVENT_CONTRACTS } from '@platform/events';
import {
  ClusterTopics,
  describeAction,
  KAFKA_SETTINGS,
  loadTopicSpecs,
  planTopics,
  type TopicPlan,
  type TopicSpec,
} from '@platform/messaging';

// npm run kafka:topics [-- --dry-run] [--ignore-configs] [--file schemas/topics.json]
// Creates or updates every topic of schemas/topics.json on the cluster at KAFKA_BROKERS: missing
// topics are created, partitions grown, and the managed configs set. --dry-run prints the plan:
// compared with the cluster when KAFKA_BROKERS is set and answers, else from the file alone (what
// an empty cluster would get), and says which. --ignore-configs leaves existing topics' configs
// alone, for clusters that cannot describe them (librdkafka's mock cluster has no controller).
// Exits 1 when the plan cannot be applied or, on a real run, when no broker answers.

const OPTIONS = ['--dry-run', '--ignore-configs', '--file'];
const USAGE =
  'usage: npm run kafka:topics -- [--dry-run] [--ignore-configs] [--file schemas/topics.json]  (KAFKA_BROKERS=host:port,...)';

async function main(argv: readonly string[], env: Environment): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const ignoreConfigs = argv.includes('--ignore-configs');
  const fileFlag = argv.indexOf('--file');
  const file = resolve(fileFlag >= 0 ? (argv[fileFlag + 1] ?? '') : 'schemas/topics.json');
  const unknown = argv.filter((arg, i) => (fileFlag < 0 || i !== fileFlag + 1) && !OPTIONS.includes(arg));
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown.join(' ')}\n${USAGE}`);

  const settings = KAFKA_SETTINGS.read(env);
  const brokers = settings.KAFKA_BROKERS.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0 && !dryRun) throw new Error(`KAFKA_BROKERS is not set\n${USAGE}`);
  const specs = loadTopicSpecs(file, ALL_EVENT_CONTRACTS, settings.KAFKA_TOPIC_PREFIX);

  const cluster = brokers.length > 0 ? await connect(brokers, dryRun) : undefined;
  if (!cluster) return printOfflinePlan(specs, file, brokers);
  try {
    const plan = planTopics(specs, await cluster.existing(specs, ignoreConfigs));
    printPlan(plan, brokers, dryRun);
    if (plan.problems.length > 0) return 1;
    if (!dryRun) {
      const done = await cluster.apply(plan);
      console.log(`applied: ${done.created} created, ${done.grown} grown, ${done.configured} configured`);
    }
    return 0;
  } finally {
    await cluster.close();
  }
}

/** a real run needs the cluster; a dry run without one still prints the plan from the file */
async function connect(brokers: readonly string[], dryRun: boolean): Promise<ClusterTopics | undefined> {
  try {
    return await ClusterTopics.connect(brokers);
  } catch (error) {
    if (!dryRun) throw error;
    console.error(`kafka:topics: ${(error as Error).message}`);
    return undefined;
  }
}

function printOfflinePlan(specs: readonly TopicSpec[], file: string, brokers: readonly string[]): number {
  const why = brokers.length > 0 ? 'the brokers did not answer' : 'KAFKA_BROKERS is not set';
  console.log(
    `kafka:topics (dry run: nothing is changed) from ${relative(process.cwd(), file)} alone: ${why}, so the plan is not compared`,
  );
  console.log('  with a live cluster. On an empty cluster it would:');
  const plan = planTopics(specs, new Map());
  for (const action of plan.actions) console.log(`  ${describeAction(action)}`);
  console.log('  On a cluster that has some of them, it grows their partitions and sets these configs instead,');
  console.log('  and refuses to shrink partitions or change a replication factor.');
  return 0;
}

function printPlan(plan: TopicPlan, brokers: readonly string[], dryRun: boolean): void {
  console.log(`kafka:topics on ${brokers.join(',')}${dryRun ? ' (dry run: nothing is changed)' : ''}`);
  for (const action of plan.actions) console.log(`  ${describeAction(action)}`);
  console.log(`  ${plan.unchanged.length} topic(s) already as specified`);
  for (const problem of plan.problems) console.error(`  cannot apply: ${problem}`);
}

// this CLI's composition root: the environment, read once and checked
Promise.resolve()
  .then(() => main(process.argv.slice(2), environmentAtStart(process.env, []).env))
  .then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`kafka:topics: ${error.message}`);
      process.exit(1);
    },
  );
