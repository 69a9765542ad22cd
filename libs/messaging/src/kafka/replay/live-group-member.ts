import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { KafkaSettings } from '../kafka-settings';
import { replayConsumer } from './replay-consumer';

/**
 * The replay's seat in the live consumer group, held from before the read models are emptied
 * until the live group's offsets are handed over. It consumes nothing (paused at once) and is
 * there for two things the mock cluster allows where an offset-reset API would not be:
 *
 * - proving the live consumer is stopped: only a lone member is given every partition (there is
 *   no describeGroups on the test broker), and a member joining later shows as a second join;
 * - committing the live group's offsets at the replay's end offsets (`consumer.commitOffsets`
 *   as a group member), so the live consumer resumes right after what was replayed.
 */
export class LiveGroupMember {
  private joins = 0;

  private constructor(
    private readonly consumer: Consumer,
    readonly groupId: string,
  ) {}

  static async join(
    kafka: Kafka,
    admin: Admin,
    groupId: string,
    clusterTopics: readonly string[],
    settings: KafkaSettings['consumer'],
  ): Promise<LiveGroupMember> {
    const consumer = replayConsumer(kafka, groupId, settings);
    const member = new LiveGroupMember(consumer, groupId);
    const joined = new Promise<Record<string, number[]>>((resolve, reject) => {
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        member.joins += 1;
        resolve(payload.memberAssignment);
      });
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
    });
    const timeoutMs = settings.sessionTimeoutMs + settings.rebalanceTimeoutMs;
    joined.catch(() => undefined); // a crash while run() joins rejects it before it is awaited
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...clusterTopics], fromBeginning: true });
      const assignment = await withTimeout(
        joinPaused(consumer, clusterTopics, joined),
        timeoutMs,
        `joining the consumer group ${groupId}`,
      ).catch((error: Error) => {
        // a join racing a live member's rebalance can fail (the mock cluster answered INVALID_REQUEST)
        throw new Error(
          `joining the consumer group ${groupId} failed (${error.message}); stop the live consumer before a replay`,
          { cause: error },
        );
      });
      const missing = await partitionsNotAssigned(admin, clusterTopics, assignment);
      if (missing.length > 0)
        throw new Error(
          `the consumer group ${groupId} has other members (they hold ${missing.join(' ')}): ` +
            'stop the live consumer before a replay',
        );
      return member;
    } catch (error) {
      // a consumer whose join was refused or timed out may never finish disconnecting (seen with a
      // live member rebalancing the group): it gets a bounded moment, so the caller can refuse in time
      await withTimeout(
        consumer.disconnect(),
        settings.sessionTimeoutMs,
        `leaving the consumer group ${groupId}`,
      ).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Commits the live group's next offsets; refuses when someone joined the group since the
   * replay started (a live consumer that started meanwhile may have applied records twice).
   */
  async handOver(offsets: ReadonlyArray<{ topic: string; partition: number; offset: string }>): Promise<void> {
    if (this.joins !== 1)
      throw new Error(`the consumer group ${this.groupId} rebalanced during the replay: a live consumer joined it`);
    await this.consumer.commitOffsets([...offsets]);
  }

  async leave(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** runs the consumer, paused at once, and resolves with its assignment once it joined */
async function joinPaused(
  consumer: Consumer,
  clusterTopics: readonly string[],
  joined: Promise<Record<string, number[]>>,
): Promise<Record<string, number[]>> {
  // never resolves an offset: a batch fetched before the pause below is dropped, not consumed
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: async ({ pause }) => void pause() });
  // run() returns after a failed join too (the crash rejects `joined`), and then pause() would throw
  const assignment = await joined;
  consumer.pause(clusterTopics.map((topic) => ({ topic })));
  return assignment;
}

async function partitionsNotAssigned(
  admin: Admin,
  clusterTopics: readonly string[],
  assignment: Record<string, number[]>,
): Promise<string[]> {
  const missing: string[] = [];
  for (const topic of clusterTopics) {
    for (const { partition } of await admin.fetchTopicOffsets(topic)) {
      if (!assignment[topic]?.includes(partition)) missing.push(`${topic}[${partition}]`);
    }
  }
  return missing;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
