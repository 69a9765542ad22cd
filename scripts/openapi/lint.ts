/**
 * `npm run api:lint` (after `api:generate` has written test/e2e/api/openapi.json): lints the
 * OpenAPI document with Redocly's recommended rules (redocly.yaml, exceptions with their reasons in
 * .redocly.lint-ignore.yaml). Redocly's own exit code fails only on errors; this fails on a warning
 * too, so the document stays at zero of both. Redocly's banners (e.g. Node 20's deprecation
 * notice) go to stderr and do not decide anything: the exit code and the totals do.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

const DOCUMENT = 'test/e2e/api/openapi.json';

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
}

function main(): number {
  const cli = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');
  const run = spawnSync(process.execPath, [cli, 'lint', DOCUMENT, '--config', 'redocly.yaml', '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let report: LintReport;
  try {
    report = JSON.parse(run.stdout) as LintReport;
  } catch {
    console.error(run.stdout, run.stderr);
    console.error(`api:lint: redocly lint gave no report (exit ${run.status})`);
    return 1;
  }
  for (const { severity, ruleId, message, location } of report.problems) {
    console.error(`${severity} ${ruleId} ${location[0]?.pointer ?? ''}: ${message}`);
  }
  const { errors, warnings, ignored } = report.totals;
  const summary = `${errors} errors, ${warnings} warnings, ${ignored} ignored (.redocly.lint-ignore.yaml)`;
  if (errors > 0 || warnings > 0 || run.status !== 0) {
    console.error(`api:lint: ${DOCUMENT}: ${summary} (redocly exit ${run.status})`);
    return 1;
  }
  console.log(`api:lint OK: ${DOCUMENT}: ${summary}`);
  return 0;
}

process.exit(main());
