// Runs the real dependency-cruiser CLI with the repository's .dependency-cruiser.js, the way
// `npm run lint` does. dependency-cruiser 17 is ESM-only (no `require` entry point), which Jest's
// CommonJS transform cannot load, so we spawn the CLI and read its JSON report instead.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
const CONFIG = join(REPO_ROOT, '.dependency-cruiser.js');
const CLI = join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

export interface Violation {
  readonly rule: string;
  readonly from: string;
  readonly to: string;
}

export interface CruiseReport {
  readonly violations: readonly Violation[];
  /** every resolved dependency as `from -> to`, to prove a clean result is not a vacuous one */
  readonly edges: readonly string[];
}

interface JsonReport {
  modules: { source: string; dependencies: { resolved: string }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

/** Cruises `dirs` with `cwd` as the base directory (its tsconfig.json resolves the aliases). */
export function cruise(cwd: string, dirs: readonly string[]): CruiseReport {
  const run = spawnSync(process.execPath, [CLI, '--config', CONFIG, '--output-type', 'json', ...dirs], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout.trim().startsWith('{')) {
    throw new Error(`depcruise produced no report (exit ${run.status}):\n${run.stderr}${run.stdout}`);
  }
  const report = JSON.parse(run.stdout) as JsonReport;
  return {
    violations: report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })),
    edges: report.modules.flatMap((m) => m.dependencies.map((d) => `${m.source} -> ${d.resolved}`)),
  };
}

/** Writes `files` (path relative to a fresh temporary directory -> content) and returns that directory. */
export function writeFixture(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
