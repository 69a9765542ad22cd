import type { Environment } from '@platform/config';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { ALL_EVENT_CONTRACTS, AvroCodec, EnvelopeCodec, EventCatalogue } from '@platform/events';
import type { GroupTakeover } from '@platform/messaging';
import {
  KafkaGroupOffsets,
  SHADOW_SUPPORT,
  compareShadow,
  readShadowRun,
  type ShadowRun,
  type SqlQuery,
} from '@platform/messaging';
import { CannotRun, EXIT, Refusal } from '../exit-codes';
import { kafkaSettingsFor, liveAndShadowProblem } from '../shadow/live-and-shadow';
import { maskUrl } from '../move-data/mask-url';
import { seconds } from '../move-data/move-report';
import { contextSessions } from '../move-data/session-guard';
import { SESSION_SETTINGS } from '../move-data/table-sql';
import { cutBack } from './cut-back';
import { CutOver, type CutOverOptions, type CutOverOutput } from './cut-over';

export type { CutOverOptions, CutOverOutput };

/**
 * `migrate cut-over <context>` (ADR 0023): promotes a stopped shadow to the live deployment.
 * Connects, checks nothing of the context runs (sessions on both databases, consumers of both
 * groups), then hands over to CutOver. Exit 0 done (or the plan printed), 1 refused, 2 cannot run.
 */
export async function runCutOver(
  context: string,
  options: CutOverOptions,
  output: CutOverOutput,
  env: Environment,
): Promise<number> {
  const started = performance.now();
  const usage = liveAndShadowProblem(context, options);
  if (usage) throw new CannotRun(usage);
  const support = SHADOW_SUPPORT[context];
  if (!support.shadowable)
    throw new Refusal(`${context} is never shadowed, so it cannot be cut over: ${support.reason}`);
  const settings = kafkaSettingsFor('the cut-over', env);
  const live = new Client({ connectionString: options.liveDatabase, application_name: 'order-platform:migrate' });
  const shadow = new Client({ connectionString: options.shadowDatabase, application_name: 'order-platform:migrate' });
  let takeover: GroupTakeover | undefined;
  let offsets: KafkaGroupOffsets | undefined;
  try {
    await connect(live, 'live', options.liveDatabase);
    await connect(shadow, 'shadow', options.shadowDatabase);
    output.out(
      `cut-over ${context}: ${maskUrl(options.shadowDatabase)} takes over from ${maskUrl(options.liveDatabase)}`,
    );
    const running = [...(await sessionsOn(live, context, 'live')), ...(await sessionsOn(shadow, context, 'shadow'))];
    if (running.length > 0) throw new Refusal(running.join('\n'));
    const run = await readShadowRun(rowsOf(shadow), context);
    if (!run)
      throw new Refusal(
        `the shadow database holds no ${context}.shadow_run: it is not a shadow's copy (npm run migrate -- shadow makes one)`,
      );
    const unreachable = (error: Error): never => {
      throw new CannotRun(`cannot reach the Kafka brokers at ${settings.brokers.join(',')}: ${error.message}`);
    };
    offsets = await KafkaGroupOffsets.connect(settings).catch(unreachable);
    const committed = committedOf(offsets, run);
    takeover = offsets.takeover();
    const joining = performance.now();
    await seizeGroups(takeover, run);
    output.out(
      `joined ${run.liveGroup} and ${run.shadowGroup} as their only member in ${seconds(performance.now() - joining)}: ` +
        'no consumer of either runs, and none can start until this command ends',
    );
    const comparison = await compareShadow(context, rowsOf(live), rowsOf(shadow), codec());
    const parts = { live, shadow, takeover, committed, run, comparison, started };
    if (options.back) return await cutBack(context, options, output, parts);
    return await new CutOver(context, options, output, parts).run();
  } finally {
    await takeover?.close();
    await offsets?.close();
    await live.end().catch(() => undefined);
    await shadow.end().catch(() => undefined);
  }
}

/**
 * Reads a group's committed offsets on the topics the live group read, by the cluster's group name
 * as shadow_run records it; refuses when these KAFKA_* settings name the live group otherwise.
 */
function committedOf(offsets: KafkaGroupOffsets, run: ShadowRun) {
  const prefix = offsets.groupId('');
  if (offsets.groupId(run.context) !== run.liveGroup || !run.shadowGroup.startsWith(prefix))
    throw new Refusal(
      `the shadow run names the groups ${run.liveGroup} and ${run.shadowGroup}, these KAFKA_* settings name the ` +
        `live group ${offsets.groupId(run.context)}: run with the live deployment's KAFKA_GROUP_PREFIX`,
    );
  const topics = [...new Set(run.liveOffsets.map((o) => o.topic))];
  return (clusterGroupId: string) => offsets.committed(clusterGroupId.slice(prefix.length), topics);
}

/** joins both groups (together: each join waits for its group's rebalance) as their only member */
async function seizeGroups(takeover: GroupTakeover, run: ShadowRun): Promise<void> {
  const topics = [...new Set(run.liveOffsets.map((o) => o.topic))];
  const roles = [
    ['live', run.liveGroup],
    ['shadow', run.shadowGroup],
  ] as const;
  const refusals = await Promise.all(
    roles.map(([role, group]) =>
      takeover.seize(group, topics).then(
        () => [],
        (error: Error) => [
          `a consumer of the ${role} group ${group} is running (${error.message}): stop the ${role} ${run.context} first`,
        ],
      ),
    ),
  );
  if (refusals.flat().length > 0) throw new Refusal(refusals.flat().join('\n'));
}

async function sessionsOn(client: Client, context: string, where: string): Promise<string[]> {
  const sessions = await contextSessions(client, context);
  if (sessions.length === 0) return [];
  const list = sessions.map((s) => `pid ${s.pid} from ${s.client} (${s.applicationName})`).join(', ');
  return [
    `${context} is running on the ${where} database: ${sessions.length} session(s) ${list}. ` +
      `Stop the ${where} ${context} (SIGTERM) and cut over again`,
  ];
}

function rowsOf(client: Client): SqlQuery {
  return async (sql, params) => (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
}

function codec(): EnvelopeCodec {
  return new EnvelopeCodec(new EventCatalogue(ALL_EVENT_CONTRACTS), new AvroCodec());
}

async function connect(client: Client, side: string, url: string): Promise<void> {
  try {
    await client.connect();
    for (const setting of SESSION_SETTINGS) await client.query(setting);
  } catch (error) {
    throw new CannotRun(`cannot connect to the ${side} database ${maskUrl(url)}: ${(error as Error).message}`);
  }
}

export { EXIT };
