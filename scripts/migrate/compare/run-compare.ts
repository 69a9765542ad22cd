import type { Environment } from '@platform/config';
import { Client } from 'pg';
import { ALL_EVENT_CONTRACTS, AvroCodec, EnvelopeCodec, EventCatalogue } from '@platform/events';
import {
  KafkaGroupOffsets,
  compareShadow,
  kafkaSettingsFromEnv,
  shadowAgrees,
  totals,
  type ShadowComparison,
} from '@platform/messaging';
import { CannotRun, EXIT } from '../exit-codes';
import { connect } from '../move-data/move-data';
import { formatComparison } from './format-comparison';

export interface CompareOptions {
  readonly liveDatabase: string;
  readonly shadowDatabase: string;
  readonly json?: boolean;
}

/**
 * `migrate compare <context>` (ADR 0021): what the shadow produced against what the live context
 * produced for the same inputs. Exit 0 when nothing is mismatched, missing or extra, else 1.
 */
export async function runCompare(
  context: string,
  options: CompareOptions,
  out: (text: string) => void,
  env: Environment,
): Promise<number> {
  const live = new Client({ connectionString: options.liveDatabase, application_name: 'order-platform:migrate' });
  const shadow = new Client({ connectionString: options.shadowDatabase, application_name: 'order-platform:migrate' });
  try {
    await connect(live, 'live', options.liveDatabase).catch(cannotRun);
    await connect(shadow, 'shadow', options.shadowDatabase).catch(cannotRun);
    const codec = new EnvelopeCodec(new EventCatalogue(ALL_EVENT_CONTRACTS), new AvroCodec());
    const comparison = await compareShadow(
      context,
      (sql, params) => live.query(sql, params).then((r) => r.rows as Array<Record<string, unknown>>),
      (sql, params) => shadow.query(sql, params).then((r) => r.rows as Array<Record<string, unknown>>),
      codec,
    ).catch(cannotRun);
    const kafkaLag = await shadowGroupLag(comparison, env);
    out(options.json ? JSON.stringify(asJson(comparison, kafkaLag), null, 2) : formatComparison(comparison, kafkaLag));
    return shadowAgrees(comparison) ? EXIT.done : EXIT.refused;
  } finally {
    await live.end().catch(() => undefined);
    await shadow.end().catch(() => undefined);
  }
}

function cannotRun(error: Error): never {
  throw new CannotRun(error.message);
}

/** the shadow group's Kafka lag, when KAFKA_BROKERS is set and answers; the comparison stands without it */
async function shadowGroupLag(c: ShadowComparison, env: Environment): Promise<number | undefined> {
  if (!env.KAFKA_BROKERS?.trim()) return undefined;
  const settings = kafkaSettingsFromEnv(env);
  const topics = [...new Set(c.run.liveOffsets.map((o) => o.topic))];
  const kafka = await KafkaGroupOffsets.connect(settings).catch(() => undefined);
  if (!kafka) return undefined;
  try {
    return await kafka.lag(c.run.shadowGroup, topics); // shadow_run names the group as the cluster does
  } catch {
    return undefined;
  } finally {
    await kafka.close();
  }
}

function asJson(c: ShadowComparison, kafkaLag: number | undefined) {
  return {
    context: c.run.context,
    startedAt: c.run.startedAt,
    comparedInputs: c.comparedInputs,
    lagInputs: c.lagInputs,
    kafkaLag: kafkaLag ?? null,
    totals: totals(c.comparisons),
    notMatched: c.comparisons.filter((x) => x.result !== 'matched'),
  };
}
