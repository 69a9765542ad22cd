import type { Environment } from '@platform/config';
import { kafkaSettingsFromEnv, SHADOW_SUPPORT, type KafkaSettings } from '@platform/messaging';
import { CannotRun } from '../exit-codes';
import { sameDatabase } from '../move-data/mask-url';

/** what `migrate shadow` and `migrate cut-over` both name: a context and its two databases */
export interface LiveAndShadow {
  readonly liveDatabase: string;
  readonly shadowDatabase: string;
}

/** why the context or the two databases cannot be used (wrong usage, exit 2), or undefined */
export function liveAndShadowProblem(context: string, options: LiveAndShadow): string | undefined {
  if (!(context in SHADOW_SUPPORT))
    return `unknown context "${context}"; one of: ${Object.keys(SHADOW_SUPPORT).join(', ')}`;
  for (const [flag, url] of [
    ['--live-database', options.liveDatabase],
    ['--shadow-database', options.shadowDatabase],
  ] as const) {
    if (!/^postgres(ql)?:\/\//.test(url ?? '') || !URL.canParse(url)) return `${flag} must be a postgres:// URL`;
  }
  if (sameDatabase(options.liveDatabase, options.shadowDatabase))
    return '--live-database and --shadow-database name the same database';
  return undefined;
}

/** the KAFKA_* settings, or CannotRun: shadows and cut-overs exist on Kafka only (ADR 0021) */
export function kafkaSettingsFor(command: string, env: Environment): KafkaSettings {
  try {
    return kafkaSettingsFromEnv(env);
  } catch (error) {
    throw new CannotRun(`${command} runs on Kafka only: ${(error as Error).message}`);
  }
}
