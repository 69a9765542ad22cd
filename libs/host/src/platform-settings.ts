import type { SettingGroup } from '@platform/config';
import { DATABASE_SETTINGS } from '@platform/database';
import { MESSAGING_SETTINGS } from '@platform/messaging';
import { OBSERVABILITY_SETTINGS, OTEL_SETTINGS } from '@platform/observability';
import { OUTBOX_SETTINGS } from '@platform/outbox';
import { HTTP_SETTINGS } from '@platform/http';
import { CONSOLE_SETTINGS } from '@platform/console';

/**
 * Every setting the platform itself reads, gathered from the groups declared beside their code.
 * A deployable's catalogue is this and the settings of the contexts it hosts.
 */
export const PLATFORM_SETTINGS: readonly SettingGroup[] = [
  HTTP_SETTINGS,
  CONSOLE_SETTINGS,
  OBSERVABILITY_SETTINGS,
  OTEL_SETTINGS,
  DATABASE_SETTINGS,
  ...MESSAGING_SETTINGS,
  OUTBOX_SETTINGS,
];
