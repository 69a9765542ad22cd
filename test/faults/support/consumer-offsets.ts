import type { Pool } from 'pg';
import { KafkaLogProbe } from '@platform/testing';
import { CONTEXTS } from '../../../scripts/invariants/check-invariants';

/**
 * How far each consumer group is, per topic it consumes, read from outside the processes (so it
 * works while a group's process is down): records on the topic it has not processed yet.
 * One implementation per transport; a group's topics are those it has committed offsets on.
 */
export interface ConsumerOffsets {
  lagByTopic(): Promise<Record<string, Record<string, number>>>;
  close(): Promise<void>;
}

/** in-process: the shared log's partition heads and group offsets, in schema `messaging` */
export class InProcessOffsets implements ConsumerOffsets {
  constructor(private readonly db: Pool) {}

  async lagByTopic(): Promise<Record<string, Record<string, number>>> {
    const { rows } = await this.db.query(
      `SELECT o.group_id, o.topic, sum(GREATEST(h.next_offset - o.committed_offset, 0))::int AS lag
         FROM messaging.group_offsets o JOIN messaging.partition_heads h USING (topic, partition)
        GROUP BY o.group_id, o.topic`,
    );
    const result: Record<string, Record<string, number>> = {};
    for (const r of rows) (result[String(r.group_id)] ??= {})[String(r.topic)] = r.lag as number;
    return result;
  }

  async close(): Promise<void> {}
}

/** Kafka: committed offsets and watermarks through the admin API (one group per context) */
export class KafkaOffsets implements ConsumerOffsets {
  private constructor(private readonly probe: KafkaLogProbe) {}

  static async open(env: NodeJS.ProcessEnv): Promise<KafkaOffsets> {
    return new KafkaOffsets(await KafkaLogProbe.connect(env));
  }

  lagByTopic(): Promise<Record<string, Record<string, number>>> {
    return this.probe.lagByGroup(CONTEXTS);
  }

  async close(): Promise<void> {
    await this.probe.close();
  }
}
