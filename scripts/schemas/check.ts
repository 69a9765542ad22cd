/**
 * `npm run schemas:check` (CI): fails the build when an event contract would break a consumer.
 *   (a) every schema under schemas/ is valid (path, record, partition key);
 *   (b) the generated contracts are what `npm run schemas:generate` would write now;
 *   (c) every schema committed at the base revision (HEAD, or $SCHEMAS_BASE_REF in CI) can read
 *       data written with each earlier committed version of that file, and the working tree's
 *       version can read data written with each committed one. All versions, not just the last:
 *       topics keep old records and read models are rebuilt by replaying them (DESIGN.md).
 * Options: `--cwd <repo root>` (default: the current directory) and `--generated-dir <dir>`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkBackwardCompatible, validateEventSchema } from './schema-compatibility';
import {
  GENERATE_COMMAND,
  generateContracts,
  listFiles,
  listSchemaFiles,
  readCliOptions,
  readSchema,
} from './generate';
import type { Environment } from '@platform/config';
import { TOOL_SETTINGS } from '../tool-settings';
import type { CliOptions } from './generate';

interface Report {
  readonly problems: string[];
  readonly warnings: string[];
  comparisons: number;
  /** set when a version cannot read older data, to point at the way out */
  breaking: boolean;
}

/** (a): the parsed working-tree schemas that are valid, by path relative to schemas/ */
function checkSchemas(options: CliOptions, report: Report): Map<string, unknown> {
  const valid = new Map<string, unknown>();
  for (const file of listSchemaFiles(options.schemasDir)) {
    try {
      const schema = readSchema(options.schemasDir, file);
      const problems = validateEventSchema(file, schema);
      report.problems.push(...problems.map((p) => `schemas/${file}: ${p}`));
      if (problems.length === 0) valid.set(file, schema);
    } catch (error) {
      report.problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return valid;
}

/** (b) */
function checkGenerated(options: CliOptions, fix: string, report: Report): void {
  const expected = generateContracts(options.schemasDir, options.generatedDir);
  const shown = (path: string): string => relative(options.cwd, path);
  for (const [path, content] of expected) {
    if (!existsSync(path)) report.problems.push(`${shown(path)} is missing: run \`${fix}\``);
    else if (readFileSync(path, 'utf8') !== content)
      report.problems.push(`${shown(path)} is out of date: run \`${fix}\``);
  }
  for (const path of listFiles(options.generatedDir)) {
    if (!expected.has(path)) report.problems.push(`${shown(path)} comes from no schema: run \`${fix}\` or delete it`);
  }
}

interface Version {
  /** `HEAD (1a2b3c4d)`, `1a2b3c4d` or `the working tree` */
  readonly label: string;
  readonly text: string;
  readonly schema: object;
}

/** (c) */
function checkHistory(
  options: CliOptions,
  baseRef: string | undefined,
  working: ReadonlyMap<string, unknown>,
  report: Report,
): void {
  const base = resolveBase(options.cwd, baseRef, report);
  if (!base) return;
  const prefix = relative(options.cwd, options.schemasDir).split('\\').join('/');
  const listing = git(options.cwd, ['ls-tree', '-r', '-z', '--name-only', base.sha, '--', prefix]) ?? '';
  for (const file of listing.split('\0').filter((f) => f.endsWith('.avsc'))) {
    const committed = committedVersions(options.cwd, base, file, report);
    const [latest, ...earlier] = committed;
    if (!latest) continue;
    for (const older of earlier) compare(file, older, latest, report);
    const inSchemas = file.slice(prefix.length + 1);
    const text = readIfExists(join(options.cwd, file));
    if (text === undefined)
      report.warnings.push(`${file} is deleted in the working tree: consumers of its topic lose their contract`);
    if (text === undefined || text === latest.text || !working.has(inSchemas)) continue;
    const current: Version = { label: 'the working tree', text, schema: working.get(inSchemas) as object };
    for (const version of committed) compare(file, version, current, report);
  }
}

function compare(file: string, writer: Version, reader: Version, report: Report): void {
  report.comparisons += 1;
  for (const problem of checkBackwardCompatible(writer.schema, reader.schema)) {
    report.breaking = true;
    report.problems.push(`${file}: ${reader.label} cannot read data written with ${writer.label}: ${problem}`);
  }
}

/** the distinct versions of `file` committed up to the base, newest (the base's own) first */
function committedVersions(cwd: string, base: Base, file: string, report: Report): Version[] {
  const revisions = (git(cwd, ['log', '--format=%H', base.sha, '--', file]) ?? '').split('\n').filter(Boolean);
  const versions: Version[] = [];
  for (const [index, sha] of [base.sha, ...revisions].entries()) {
    const text = git(cwd, ['show', `${sha}:./${file}`]); // undefined in a commit that deleted it
    if (text === undefined || versions.some((v) => v.text === text)) continue;
    const label = index === 0 ? `${base.ref} (${sha.slice(0, 8)})` : sha.slice(0, 8);
    try {
      versions.push({ label, text, schema: JSON.parse(text) as object });
    } catch {
      report.warnings.push(`${file} at ${label} is not JSON: that version was skipped`);
    }
  }
  return versions;
}

interface Base {
  readonly ref: string;
  readonly sha: string;
}

function resolveBase(cwd: string, explicit: string | undefined, report: Report): Base | undefined {
  const ref = explicit || 'HEAD';
  if (git(cwd, ['rev-parse', '--is-inside-work-tree'])?.trim() !== 'true') {
    report.warnings.push(`${cwd} is not a git repository: compatibility with earlier versions was not checked`);
    return undefined;
  }
  const sha = git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])?.trim();
  if (!sha) {
    // CI sets the variable on purpose; a ref that does not resolve there must not pass silently.
    if (explicit) report.problems.push(`SCHEMAS_BASE_REF="${explicit}" is not a commit in this repository`);
    else report.warnings.push('HEAD has no commit yet: compatibility with earlier versions was not checked');
    return undefined;
  }
  if (git(cwd, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true') {
    report.warnings.push('shallow clone: only the history it holds was checked (fetch with full depth in CI)');
  }
  return { ref, sha };
}

/** git's stdout, or undefined when git fails or is not installed */
function git(cwd: string, args: readonly string[]): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function main(argv: readonly string[], env: Environment): number {
  const options = readCliOptions(argv);
  const fix = argv.length > 0 ? `${GENERATE_COMMAND} -- ${argv.join(' ')}` : GENERATE_COMMAND;
  const report: Report = { problems: [], warnings: [], comparisons: 0, breaking: false };
  const valid = checkSchemas(options, report);
  const invalid = report.problems.length > 0;
  // Generation refuses invalid schemas, so (b) waits until (a) passes.
  if (invalid) report.warnings.push('generated files not compared: fix the invalid schemas first');
  else checkGenerated(options, fix, report);
  checkHistory(options, TOOL_SETTINGS.read(env).SCHEMAS_BASE_REF, valid, report);

  for (const warning of report.warnings) console.warn(`warning: ${warning}`);
  if (report.problems.length > 0) {
    for (const problem of report.problems) console.error(`✗ ${problem}`);
    const way = report.breaking
      ? ' A breaking change is a new version: add <event>.v<N+1>.avsc (a new topic) and keep the old one while consumers move.'
      : '';
    console.error(`schemas:check failed with ${report.problems.length} problem(s).${way}`);
    return 1;
  }
  console.log(
    `schemas:check OK: ${valid.size} schema(s) valid, generated contracts up to date, ` +
      `${report.comparisons} comparison(s) with committed versions compatible.`,
  );
  return 0;
}

if (require.main === module) {
  try {
    // this CLI's composition root: the environment, read once
    process.exitCode = main(process.argv.slice(2), { ...process.env });
  } catch (error) {
    console.error(`schemas:check: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
