import type { DataSource } from 'typeorm';

/** the row of `messaging.handover`: a log handed over to Kafka, or one whose hand-over began */
export interface HandoverMark {
  readonly state: 'started' | 'completed';
  readonly startedAt: Date;
  readonly completedAt?: Date;
  readonly kafkaBrokers: string;
  readonly topicPrefix: string;
  /** records produced per topic */
  readonly records: Readonly<Record<string, number>>;
}

export async function readHandoverMark(db: DataSource, schema: string): Promise<HandoverMark | undefined> {
  const rows: Array<{
    state: HandoverMark['state'];
    started_at: Date;
    completed_at: Date | null;
    kafka_brokers: string;
    topic_prefix: string;
    records: Record<string, number>;
  }> = await db.query(
    `SELECT state, started_at, completed_at, kafka_brokers, topic_prefix, records FROM ${schema}.handover WHERE id = 1`,
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    state: row.state,
    startedAt: row.started_at,
    completedAt: row.completed_at ?? undefined,
    kafkaBrokers: row.kafka_brokers,
    topicPrefix: row.topic_prefix,
    records: row.records,
  };
}

/** why the in-process transport must not start on this log, or undefined when it may */
export function handedOverRefusal(mark: HandoverMark | undefined): string | undefined {
  if (!mark) return undefined;
  const when =
    mark.state === 'completed'
      ? `was handed over to Kafka (${mark.kafkaBrokers}, topic prefix "${mark.topicPrefix}") at ${mark.completedAt?.toISOString()}`
      : `is being handed over to Kafka (${mark.kafkaBrokers}) since ${mark.startedAt.toISOString()}, or a hand-over stopped midway`;
  return (
    `the in-process log ${when}; its records now live on Kafka and reading it again would apply them twice. ` +
    'Start with TRANSPORT=kafka, or run `npm run migrate -- handover --undo` to go back to the in-process transport ' +
    '(docs/deploy.md)'
  );
}

/** the in-process transport's start-up check: fails fast on a handed-over log */
export async function assertNotHandedOver(db: DataSource, schema: string): Promise<void> {
  const refusal = handedOverRefusal(await readHandoverMark(db, schema));
  if (refusal) throw new Error(refusal);
}

export async function markHandoverStarted(
  db: DataSource,
  schema: string,
  kafka: { brokers: string; topicPrefix: string },
): Promise<void> {
  await db.query(
    `INSERT INTO ${schema}.handover (id, state, kafka_brokers, topic_prefix) VALUES (1, 'started', $1, $2)
     ON CONFLICT (id) DO UPDATE SET state = 'started', started_at = clock_timestamp(), completed_at = NULL,
       kafka_brokers = EXCLUDED.kafka_brokers, topic_prefix = EXCLUDED.topic_prefix, records = '{}'`,
    [kafka.brokers, kafka.topicPrefix],
  );
}

export async function markHandoverCompleted(
  db: DataSource,
  schema: string,
  records: Readonly<Record<string, number>>,
): Promise<void> {
  await db.query(
    `UPDATE ${schema}.handover SET state = 'completed', completed_at = clock_timestamp(), records = $1 WHERE id = 1`,
    [JSON.stringify(records)],
  );
}

/** removes the mark: the in-process transport may start on this log again */
export async function removeHandoverMark(db: DataSource, schema: string): Promise<boolean> {
  const result: [unknown[], number] = await db.query(`DELETE FROM ${schema}.handover WHERE id = 1`);
  return result[1] > 0;
}
