import type { EnvelopeCodec } from '@platform/events';
import { compareOutputs, totals, type OutputComparison, type ProducedOutput } from './compare-outputs';
import { readShadowRun, type ShadowRun, type SqlQuery } from './shadow-run';
import { shadowSupportOf, type EffectTable } from './shadowable-contexts';

export interface ShadowComparison {
  readonly run: ShadowRun;
  /** inputs both processed since the copy: what was compared */
  readonly comparedInputs: number;
  /** inputs the live context processed since the copy that the shadow has not (yet) */
  readonly lagInputs: number;
  readonly comparisons: readonly OutputComparison[];
}

/**
 * The comparator (ADR 0021), shared by `migrate compare` and the shadow process: reads the
 * shadow run, the inputs both inboxes hold since the copy, and what each side produced for them
 * (outbox events, decoded with the catalogue; the context's effect rows), and pairs them.
 */
export async function compareShadow(
  context: string,
  live: SqlQuery,
  shadow: SqlQuery,
  codec: EnvelopeCodec,
): Promise<ShadowComparison> {
  const support = shadowSupportOf(context);
  if (!support?.shadowable) throw new Error(`${context} cannot be shadowed`);
  const run = await readShadowRun(shadow, context);
  if (!run) throw new Error(`the shadow database holds no ${context}.shadow_run: run npm run migrate -- shadow first`);
  const liveInputs = await eventIds(
    live,
    `SELECT event_id::text AS id FROM ${context}.inbox WHERE consumer_group = $1 AND processed_at > $2`,
    [context, run.liveSnapshotAt],
  );
  const shadowHas = new Set(
    await eventIds(
      shadow,
      `SELECT event_id::text AS id FROM ${context}.inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])`,
      [context, liveInputs],
    ),
  );
  const inputs = liveInputs.filter((id) => shadowHas.has(id));
  const [liveOut, shadowOut] = await Promise.all([
    producedBy(live, context, inputs, codec, support.effects, undefined),
    producedBy(shadow, context, inputs, codec, support.effects, run.outboxHighWater),
  ]);
  return {
    run,
    comparedInputs: inputs.length,
    lagInputs: liveInputs.length - inputs.length,
    comparisons: compareOutputs(liveOut, shadowOut, new Set(support.generated)),
  };
}

/** no mismatched, missing or extra output */
export function shadowAgrees(comparison: ShadowComparison): boolean {
  const sum = totals(comparison.comparisons);
  return sum.mismatched + sum.missing + sum.extra === 0;
}

async function eventIds(query: SqlQuery, sql: string, params: unknown[]): Promise<string[]> {
  return (await query(sql, params)).map((r) => r.id as string);
}

async function producedBy(
  query: SqlQuery,
  context: string,
  inputs: readonly string[],
  codec: EnvelopeCodec,
  effects: readonly EffectTable[],
  outboxAfter: string | undefined,
): Promise<ProducedOutput[]> {
  const events = await query(
    `SELECT topic, msg_key, headers, payload FROM ${context}.outbox
      WHERE headers->>'causation-id' = ANY($1::text[]) AND id > $2::bigint ORDER BY id`,
    [inputs, outboxAfter ?? '0'],
  );
  const outputs: ProducedOutput[] = events.map((row) => {
    const headers = row.headers as Record<string, string>;
    const envelope = codec.decode({
      topic: row.topic as string,
      key: row.msg_key as string,
      headers,
      value: row.payload as Buffer,
    });
    return { input: headers['causation-id'], type: envelope.type, key: envelope.key, fields: envelope.payload };
  });
  for (const effect of effects) {
    const rows = await query(
      `SELECT * FROM ${context}.${effect.table} WHERE ${effect.causeColumn}::text = ANY($1::text[])`,
      [inputs],
    );
    for (const row of rows) {
      const kind = effect.kindColumn ? `${effect.table}.${String(row[effect.kindColumn])}` : effect.table;
      const { [effect.causeColumn]: input, ...fields } = row;
      outputs.push({ input: String(input), type: kind, key: String(row[effect.keyColumn]), fields });
    }
  }
  return outputs;
}
