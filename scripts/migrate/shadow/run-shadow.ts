import type { Environment } from '@platform/config';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import {
  KafkaGroupOffsets,
  SHADOW_GROUP_SUFFIX,
  SHADOW_SUPPORT,
  createGatewayCallsTableSql,
  createShadowRunTableSql,
  writeShadowRun,
  type PartitionOffset,
} from '@platform/messaging';
import { CannotRun, EXIT, Refusal } from '../exit-codes';
import { kafkaSettingsFor, liveAndShadowProblem } from './live-and-shadow';
import { maskUrl } from '../move-data/mask-url';
import { connect } from '../move-data/move-data';
import { seconds } from '../move-data/move-report';
import { SchemaCopy, type CopyOutput } from '../move-data/schema-copy';
import { consumedTopicsOf } from './context-topics';
import { startInstructions } from './start-instructions';

export interface ShadowOptions {
  readonly liveDatabase: string;
  readonly shadowDatabase: string;
  readonly dryRun?: boolean;
  readonly force?: boolean;
  /** the shadow group's suffix (SHADOW_GROUP_SUFFIX of the shadow process); '.shadow' by default */
  readonly groupSuffix?: string;
}

/**
 * `migrate shadow <context>` (ADR 0021): reads the live group's committed offsets (T1), copies the
 * context's schema from the live database in one snapshot (T2 > T1: a consumer commits its offsets
 * only after its transaction, so everything up to T1 is in the copy, and what lies between is in
 * the copy's inbox and skipped as a duplicate), marks the copy's outbox published, records the
 * shadow run, and commits the offsets for the shadow group. The live context keeps running.
 */
export async function runShadow(context: string, options: ShadowOptions, output: CopyOutput, env: Environment) {
  const started = performance.now();
  const usage = liveAndShadowProblem(context, options) ?? groupSuffixProblem(options.groupSuffix);
  if (usage) throw new CannotRun(usage);
  const support = SHADOW_SUPPORT[context];
  if (!support.shadowable) throw new Refusal(`${context} cannot be shadowed: ${support.reason}`);
  const settings = kafkaSettingsFor('the shadow', env);
  const topics = consumedTopicsOf(context);
  const shadowGroup = `${context}${options.groupSuffix ?? SHADOW_GROUP_SUFFIX}`;
  const live = new Client({ connectionString: options.liveDatabase, application_name: 'order-platform:migrate' });
  const shadow = new Client({ connectionString: options.shadowDatabase, application_name: 'order-platform:migrate' });
  const kafka = await KafkaGroupOffsets.connect(settings).catch((error: Error) => {
    throw new CannotRun(`cannot reach the Kafka brokers at ${settings.brokers.join(',')}: ${error.message}`);
  });
  try {
    await connect(live, 'live', options.liveDatabase);
    await connect(shadow, 'shadow', options.shadowDatabase);
    output.out(`shadow ${context}: ${maskUrl(options.liveDatabase)} -> ${maskUrl(options.shadowDatabase)}`);
    const offsets = await kafka.committed(context, topics);
    output.out(`live group ${kafka.groupId(context)}: committed offsets (read before the copy's snapshot)`);
    for (const o of offsets) output.out(`  ${o.topic}[${o.partition}] ${o.offset}`);
    let liveSnapshotAt = new Date(0);
    let published = 0;
    let outboxHighWater = '0';
    const copyStarted = performance.now();
    const copy = new SchemaCopy(
      {
        context,
        to: options.shadowDatabase,
        dryRun: options.dryRun,
        force: options.force,
        contextStopped: false,
        targetOnlyTables: ['shadow_run', 'shadow_gateway_calls'],
      },
      output,
      {
        afterSnapshot: async (source) => {
          const [row] = (await source.query<{ at: Date }>('SELECT clock_timestamp() AS at')).rows;
          liveSnapshotAt = row.at;
        },
        beforeCommit: async (target) => {
          // the live context's rows are the live relay's to publish: the shadow's relay never runs anyway
          published =
            (
              await target.query(
                `UPDATE ${context}.outbox SET published_at = clock_timestamp() WHERE published_at IS NULL`,
              )
            ).rowCount ?? 0;
          const [hwm] = (
            await target.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM ${context}.outbox`)
          ).rows;
          outboxHighWater = hwm.id;
          for (const sql of [...createShadowRunTableSql(context), ...createGatewayCallsTableSql(context)])
            await target.query(sql);
          await writeShadowRun((sql, params) => target.query(sql, params).then((r) => r.rows), {
            context,
            liveSnapshotAt,
            liveGroup: kafka.groupId(context),
            shadowGroup: kafka.groupId(shadowGroup),
            liveOffsets: offsets,
            outboxHighWater,
          });
        },
      },
      live,
      shadow,
    );
    const outcome = await copy.run();
    if (outcome.kind === 'dry-run') return dryRun(outcome.plan.refusals, output, shadowGroup, kafka);
    const copyMs = performance.now() - copyStarted;
    output.out(`outbox: ${published} row(s) the live relay had not published yet marked published in the copy`);
    output.out(
      `shadow run recorded in ${context}.shadow_run: live snapshot at ${liveSnapshotAt.toISOString()}, outbox above id ${outboxHighWater} is the shadow's own`,
    );
    const commitStarted = performance.now();
    await commitShadowOffsets(kafka, shadowGroup, offsets);
    output.out(`shadow group ${kafka.groupId(shadowGroup)}: the live offsets committed (${offsets.length} partitions)`);
    output.out(
      `took ${seconds(performance.now() - started)}: copy ${seconds(copyMs)}, offsets ${seconds(performance.now() - commitStarted)}; the live ${context} kept running`,
    );
    output.out('');
    output.out(startInstructions(context, options));
    return EXIT.done;
  } finally {
    await kafka.close();
    await live.end().catch(() => undefined);
    await shadow.end().catch(() => undefined);
  }
}

async function commitShadowOffsets(kafka: KafkaGroupOffsets, group: string, offsets: readonly PartitionOffset[]) {
  await kafka.commitAsLoneMember(group, offsets).catch((error: Error) => {
    throw new Refusal(
      `the copy is committed, but the shadow group ${kafka.groupId(group)} could not take the live offsets ` +
        `(${error.message}): stop any shadow of this context and run again with --force`,
    );
  });
}

function dryRun(refusals: readonly string[], output: CopyOutput, group: string, kafka: KafkaGroupOffsets): number {
  if (refusals.length > 0) {
    output.out(`dry run: a real run would refuse:\n${refusals.map((r) => `  - ${r}`).join('\n')}`);
    return EXIT.refused;
  }
  output.out(
    `dry run: nothing was changed; a real run would copy the tables above, mark their outbox published, ` +
      `record the shadow run and commit the offsets above for ${kafka.groupId(group)}`,
  );
  return EXIT.done;
}

function groupSuffixProblem(suffix: string | undefined): string | undefined {
  if (suffix !== undefined && !/^\.[A-Za-z0-9._-]+$/.test(suffix))
    return `--group-suffix must start with a dot, like ${SHADOW_GROUP_SUFFIX}`;
  return undefined;
}
