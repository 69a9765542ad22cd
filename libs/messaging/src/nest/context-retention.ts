import type { Environment } from '@platform/config';
import { deadLetterRetention } from '@platform/dead-letters';
import { inboxRetention } from '../retention/inbox-retention';
import type { RetentionJob } from '../retention/retention-job';
import { retentionSettingsFromEnv, type RetentionSettings } from '../retention/retention-settings';
import type { ContextModuleOptions } from './context-module-options';

export interface RetentionPlan {
  readonly settings: RetentionSettings;
  readonly jobs: readonly RetentionJob[];
}

/**
 * What a context prunes: its inbox and its settled dead letters, plus the tables it names itself.
 * Made before the database opens, so a malformed retention setting stops the start first.
 */
export function retentionPlanOf(options: ContextModuleOptions, env: Environment): RetentionPlan {
  const settings = retentionSettingsFromEnv(env);
  const jobs = [
    inboxRetention(settings.inboxRetentionMs),
    deadLetterRetention(options.name, settings.deadLetterRetentionMs),
    ...(options.retention?.(env) ?? []),
  ];
  return { settings, jobs };
}
