import { spawnSync } from 'node:child_process';
import { testRunVariable } from '@platform/testing';

/**
 * The path of promtool (Debian's `prometheus` package; test/alerts/ensure-promtool.sh installs it),
 * or undefined after saying loudly that the suite is skipped. Under CI=true a missing promtool is
 * a failure: the alert rules must not pass by being tested less.
 */
export function findPromtool(suite: string): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  if (found.status === 0 && path) return path;
  if (testRunVariable('CI') === 'true')
    throw new Error(`${suite} needs promtool: run test/alerts/ensure-promtool.sh (CI=true makes this an error)`);
  process.stderr.write(`\n!!! ${suite}: SKIPPED, no promtool (run test/alerts/ensure-promtool.sh)\n`);
  return undefined;
}
