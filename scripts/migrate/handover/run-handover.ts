import type { Environment } from '@platform/config';
import {
  KafkaGroupBusyError,
  KafkaHandover,
  MESSAGING_SCHEMA,
  kafkaSettingsFromEnv,
  markHandoverCompleted,
  markHandoverStarted,
  planHandover,
  readHandoverMark,
  type HandoverPlan,
  type HandoverSource,
  type KafkaSettings,
  type TopicSubscription,
} from '@platform/messaging';
import { CannotRun, EXIT, Refusal } from '../exit-codes';
import { openMessagingLog } from './messaging-log';
import { planLines } from './print-plan';
import { ProgressLine } from './progress-line';

export interface HandoverIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: Environment;
}

const PAGE = 500;

/**
 * The hand-over (ADR 0019): refuse while a process has the log open; plan from the log; connect
 * to Kafka; mark the log (the in-process transport refuses to start from now on); start every
 * Kafka group at or before the first handed-over record; produce the records in log order per
 * partition; mark the hand-over completed with its counts.
 */
export async function runHandover(flags: { dryRun: boolean; force: boolean }, io: HandoverIo): Promise<number> {
  const settings = kafkaSettingsOf(io.env);
  const log = await openMessagingLog(io.env);
  try {
    await refuseWhileOpen(log.source, log.where);
    const mark = await readHandoverMark(log.db, MESSAGING_SCHEMA);
    if (mark?.state === 'completed' && !flags.force)
      throw new Refusal(
        `the in-process log at ${log.where} was handed over already, at ${mark.completedAt?.toISOString()} ` +
          `(${mark.kafkaBrokers}); --force hands it over again`,
      );
    if (mark?.state === 'started')
      io.err('a previous hand-over stopped midway: handing over again (the inboxes absorb what is produced twice)');
    const subscriptions = await log.source.subscriptions();
    const plan = planHandover(await log.source.ranges(), await log.source.committed(), subscriptions);
    io.out(
      `hand-over plan: ${log.where} -> Kafka ${settings.brokers.join(',')} (topic prefix "${settings.topicPrefix}")`,
    );
    planLines(plan).forEach((line) => io.out(line));
    if (flags.dryRun) {
      io.out('dry run: nothing produced, no offset committed, the log is not marked');
      return EXIT.done;
    }
    const kafka = await KafkaHandover.connect(settings).catch((error: Error) => {
      throw new CannotRun(`cannot reach the Kafka brokers at ${settings.brokers.join(',')}: ${error.message}`);
    });
    try {
      const groups = groupTopics(subscriptions);
      const starts = await kafka.holdGroupStarts(groups).catch((error: Error) => {
        throw error instanceof KafkaGroupBusyError ? new Refusal(error.message) : new CannotRun(error.message);
      });
      io.err(`kafka: ${groups.size} consumer group(s) start at their committed offsets (${starts.length} partitions)`);
      await markHandoverStarted(log.db, MESSAGING_SCHEMA, {
        brokers: settings.brokers.join(','),
        topicPrefix: settings.topicPrefix,
      });
      const produced = await produce(plan, log.source, kafka, new ProgressLine(io.err, plan.records));
      await markHandoverCompleted(log.db, MESSAGING_SCHEMA, produced);
    } finally {
      await kafka.close();
    }
    io.out(
      `handover: done, ${plan.records} record(s) of ${plan.topics.filter((t) => t.records > 0).length} topic(s) ` +
        `produced to ${settings.brokers.join(',')}; the in-process log is marked handed over. Start with TRANSPORT=kafka`,
    );
    return EXIT.done;
  } finally {
    await log.close();
  }
}

function kafkaSettingsOf(env: Environment): KafkaSettings {
  try {
    return kafkaSettingsFromEnv(env);
  } catch (error) {
    throw new CannotRun((error as Error).message);
  }
}

async function refuseWhileOpen(source: HandoverSource, where: string): Promise<void> {
  const sessions = await source.otherLogSessions();
  if (sessions.length === 0) return;
  const who = sessions
    .map((s) => `pid ${s.pid} from ${s.client}${s.since ? ` since ${s.since.toISOString()}` : ''}`)
    .join('; ');
  throw new Refusal(
    `a process still has the in-process log at ${where} open (${who}): stop the single binary (SIGTERM) first`,
  );
}

function groupTopics(subscriptions: readonly TopicSubscription[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { group, topic } of subscriptions) groups.set(group, [...(groups.get(group) ?? []), topic]);
  return groups;
}

/** partition after partition, each in offset order: one key lives in one partition, so its order holds */
async function produce(
  plan: HandoverPlan,
  source: HandoverSource,
  kafka: KafkaHandover,
  progress: ProgressLine,
): Promise<Record<string, number>> {
  const produced: Record<string, number> = {};
  for (const topic of plan.topics) {
    for (const p of topic.partitions) {
      for (let from = p.from; from < p.to;) {
        const records = await source.read(topic.topic, p.partition, from, p.to, PAGE);
        if (records.length === 0) break; // deleted by retention meanwhile: cannot happen while stopped
        await kafka.publish(records.map(({ topic: t, key, headers, value }) => ({ topic: t, key, headers, value })));
        from = BigInt(records[records.length - 1].offset) + 1n;
        produced[topic.topic] = (produced[topic.topic] ?? 0) + records.length;
        progress.add(records.length);
      }
    }
  }
  progress.end();
  return produced;
}
