import { Inject, Injectable } from '@nestjs/common';
import { ANALYTICS_SETTINGS, type AnalyticsSettings } from '../analytics.settings';

export const ANALYTICS_MODES = ['normal', 'failing'] as const;
export type AnalyticsMode = (typeof ANALYTICS_MODES)[number];

/**
 * Thrown by every analytics handler while failing: an ordinary error, so the pipeline retries it
 * (CONSUMER_MAX_ATTEMPTS) and the events wait in the log instead of being lost or dead-lettered
 * at once. Its name becomes the failure code in metrics: ERROR.AnalyticsUnavailableError.
 */
export class AnalyticsUnavailableError extends Error {
  constructor() {
    super('analytics is switched to failing mode (PUT /admin/analytics/mode)');
    this.name = 'AnalyticsUnavailableError';
  }
}

/**
 * A switch for tests and operators that makes the analytics consumer fail, to show that a dead
 * read side never blocks checkout and catches up afterwards. It lives in this process only
 * (the group is consumed by one process, docs/adr/0005) and starts from ANALYTICS_FAILING.
 */
@Injectable()
export class FailureMode {
  private current: AnalyticsMode;

  constructor(@Inject(ANALYTICS_SETTINGS) settings: AnalyticsSettings) {
    this.current = settings.startFailing ? 'failing' : 'normal';
  }

  get mode(): AnalyticsMode {
    return this.current;
  }

  switchTo(mode: AnalyticsMode): void {
    this.current = mode;
  }

  throwIfFailing(): void {
    if (this.current === 'failing') throw new AnalyticsUnavailableError();
  }
}
