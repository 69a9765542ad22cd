import { setTimeout as delay } from 'node:timers/promises';
import type { AdminApiClient } from '@platform/http';
import { ApiError } from '@platform/http';
import type { RebuildStatus } from './online-rebuild';
import type { RebuildProgress } from './rebuild-read-models';

const PATH = '/admin/analytics/rebuild';

/**
 * `npm run analytics:rebuild` while the platform runs on the embedded database: the platform
 * does the rebuild (OnlineRebuild), and this follows its progress. A rebuild someone else
 * started is followed instead of refused.
 */
export async function rebuildThroughPlatform(
  api: AdminApiClient,
  onProgress: (progress: RebuildProgress) => void,
  pollMs = 200,
): Promise<RebuildStatus> {
  try {
    await api.post<RebuildStatus>(PATH);
  } catch (error) {
    if (!(error instanceof ApiError && error.problem?.code === 'ANALYTICS.REBUILD_RUNNING')) throw error;
  }
  for (;;) {
    const status = await api.get<RebuildStatus>(PATH);
    // before the platform has counted what it will replay, there is nothing to show yet
    if (status.state !== 'running' || status.total > 0) onProgress(status);
    if (status.state === 'succeeded') return status;
    if (status.state === 'failed')
      throw new Error(`the platform's rebuild failed: ${status.error ?? 'no reason given'}`);
    await delay(pollMs);
  }
}
