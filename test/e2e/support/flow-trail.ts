import type { DataSource } from 'typeorm';

/**
 * Where the events of some keys (order ids) went, read from the database: every outbox row with
 * that key (published or not), who consumed it (inbox rows), what was dead-lettered, and on the
 * in-process transport the record's log offset against each group's committed offset. A flow
 * test that times out prints this, so a stalled order says at which hop it stopped.
 */
export async function flowTrail(db: DataSource, keys: readonly string[], limit = 20): Promise<string> {
  if (keys.length === 0) return '';
  const schemas = (
    (await db.query(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox' ORDER BY 1`,
    )) as Array<{ schema: string }>
  ).map((r) => r.schema);
  const [{ inProcess }] = await db.query(`SELECT to_regclass('messaging.log') IS NOT NULL AS "inProcess"`);
  const lines: string[] = keys.length > limit ? [`the first ${limit} of ${keys.length}:`] : [];
  for (const key of keys.slice(0, limit)) {
    lines.push(`${key}:`);
    for (const schema of schemas) {
      const events: Array<{ event_id: string; topic: string; published: boolean }> = await db.query(
        `SELECT event_id, topic, published_at IS NOT NULL AS published FROM ${schema}.outbox WHERE msg_key = $1 ORDER BY id`,
        [key],
      );
      for (const event of events) {
        const consumers = await consumersOf(db, schemas, event.event_id);
        const logged = inProcess ? await logPositionOf(db, event.topic, key, event.event_id) : '';
        lines.push(
          `  ${event.topic} from ${schema}: ${event.published ? 'published' : 'NOT published'}` +
            `${logged}; consumed by [${consumers.join(', ')}]`,
        );
      }
    }
    for (const schema of schemas) {
      const dead: Array<{ consumer_group: string; topic: string; error_code: string }> = await db.query(
        `SELECT consumer_group, topic, error_code FROM ${schema}.dead_letters WHERE msg_key = $1`,
        [key],
      );
      for (const d of dead) lines.push(`  DEAD LETTER ${d.topic} for ${d.consumer_group}: ${d.error_code}`);
    }
  }
  return lines.join('\n');
}

async function consumersOf(db: DataSource, schemas: readonly string[], eventId: string): Promise<string[]> {
  const groups: string[] = [];
  for (const schema of schemas) {
    const rows: Array<{ consumer_group: string }> = await db.query(
      `SELECT consumer_group FROM ${schema}.inbox WHERE event_id = $1`,
      [eventId],
    );
    groups.push(...rows.map((r) => r.consumer_group));
  }
  return groups;
}

/** ` at p<partition>@<offset> (committed: <group> <offset>, ...)` from the in-process log */
async function logPositionOf(db: DataSource, topic: string, key: string, eventId: string): Promise<string> {
  const [record]: Array<{ partition: number; offset: string }> = await db.query(
    `SELECT partition, "offset" FROM messaging.log WHERE topic = $1 AND msg_key = $2 AND headers->>'event-id' = $3`,
    [topic, key, eventId],
  );
  if (!record) return ' (not in the log)';
  const groups: Array<{ group_id: string; committed_offset: string }> = await db.query(
    `SELECT group_id, committed_offset FROM messaging.group_offsets WHERE topic = $1 AND partition = $2 ORDER BY 1`,
    [topic, record.partition],
  );
  const heads = groups.map((g) => `${g.group_id} ${g.committed_offset}`).join(', ');
  return ` at p${record.partition}@${record.offset} (committed: ${heads})`;
}
