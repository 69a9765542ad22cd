import { setting, SettingGroup, type Environment } from '@platform/config';
import { TRANSPORT_SETTINGS } from '../nest/transport-settings';

/** what a shadow's Kafka consumer group is called by default: the live group's name and this suffix (ADR 0021) */
export const SHADOW_GROUP_SUFFIX = '.shadow';

/**
 * Shadow mode (SHADOW=true, ADR 0021): a second deployment of one context that consumes beside the
 * live one in its own group `<group>.shadow`, from its own copy of the context's data (made by
 * `npm run migrate -- shadow`), and has no effect outside that copy: its relay does not start, so
 * what it would publish stays in its outbox. The one place that decides "shadow"; read once.
 */
export interface ShadowSettings {
  readonly enabled: boolean;
  /** appended to the live group's name (SHADOW_GROUP_SUFFIX): two shadows with different rules need two groups */
  readonly groupSuffix: string;
  /** the live context's database: set, the shadow compares itself with it every `compareIntervalMs` */
  readonly liveDatabaseUrl?: string;
  readonly compareIntervalMs: number;
}

export const SHADOW_SETTINGS = new SettingGroup('shadow run', {
  SHADOW: setting.bool(
    false,
    'this deployable is a shadow of its context: consumes beside the live one, publishes nothing',
  ),
  SHADOW_LIVE_DATABASE_URL: setting.optional("the live context's database, which the shadow compares itself with"),
  SHADOW_COMPARE_INTERVAL_MS: setting.int(15_000, 'how often the shadow compares itself with the live database (ms)'),
  SHADOW_GROUP_SUFFIX: setting.text(SHADOW_GROUP_SUFFIX, "the shadow consumer group's suffix"),
});

export function shadowSettingsFromEnv(env: Environment): ShadowSettings {
  const s = SHADOW_SETTINGS.read(env);
  const enabled = s.SHADOW;
  if (!enabled) return { enabled, groupSuffix: '', compareIntervalMs: 0 };
  // a shadow that published, or consumed as the live group, would be a second live context
  if (TRANSPORT_SETTINGS.read(env).TRANSPORT !== 'kafka')
    throw new Error(
      'SHADOW=true needs TRANSPORT=kafka: a shadow consumes in its own Kafka consumer group beside the live ' +
        "one, and the in-process log's groups live in the live deployment's database (docs/adr/0021-shadow-run.md)",
    );
  const groupSuffix = s.SHADOW_GROUP_SUFFIX;
  if (!/^\.[A-Za-z0-9._-]+$/.test(groupSuffix))
    throw new Error(`SHADOW_GROUP_SUFFIX must start with a dot, like ${SHADOW_GROUP_SUFFIX}, got "${groupSuffix}"`);
  return {
    enabled,
    groupSuffix,
    liveDatabaseUrl: s.SHADOW_LIVE_DATABASE_URL,
    compareIntervalMs: s.SHADOW_COMPARE_INTERVAL_MS,
  };
}

/** the consumer group id suffix of this process: '.shadow' in shadow mode, else nothing */
export function groupSuffixOf(shadow: ShadowSettings): string {
  return shadow.enabled ? shadow.groupSuffix : '';
}

/**
 * A shadow is one context's own deployable: the monolith (one process, every context, one set of
 * groups) refuses SHADOW=true at start, as the in-process transport does above.
 */
export function refuseShadowIn(service: string, env: Environment): void {
  if (service === 'monolith' && SHADOW_SETTINGS.read(env).SHADOW)
    throw new Error(
      "SHADOW=true is for one context's own deployable (node dist/apps/<context>/src/main.js), not the monolith " +
        '(docs/adr/0021-shadow-run.md)',
    );
}
