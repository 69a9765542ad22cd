/**
 * `schemas:check` run as CI runs it, as a child process, against throw-away git repositories:
 * proves the history rule reads real commits, not a stub of git.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateContracts, writeGenerated } from './generate';

const CHECK_SCRIPT = resolve(__dirname, 'check.ts');
const REPO_ROOT = resolve(__dirname, '../..'); // where @swc-node/register resolves
const SCHEMA_FILE = 'schemas/orders/order-placed.v1.avsc';

// Variables git sets in hooks would point the child processes at the real repository.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_') && name !== 'SCHEMAS_BASE_REF'),
);

type Field = Record<string, unknown>;

function orderPlaced(...extra: Field[]): object {
  return {
    type: 'record',
    name: 'OrderPlaced',
    namespace: 'orders',
    'x-partition-key': 'orderId',
    fields: [{ name: 'orderId', type: 'string' }, ...extra],
  };
}

const currencyWithDefault: Field = { name: 'currency', type: 'string', default: 'EUR' };
const currencyWithoutDefault: Field = { name: 'currency', type: 'string' };
const noteWithDefault: Field = { name: 'note', type: ['null', 'string'], default: null };

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
}

/** writes the schema and regenerates the contracts, as a developer would before committing */
function writeSchema(repo: string, schema: object): void {
  const path = join(repo, SCHEMA_FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  const generatedDir = join(repo, 'libs/events/src/generated');
  writeGenerated(generatedDir, generateContracts(join(repo, 'schemas'), generatedDir));
}

function commit(repo: string, message: string): void {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '--no-verify', '-m', message);
}

function runCheck(repo: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', CHECK_SCRIPT, '--cwd', repo], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('schemas:check', () => {
  let repo: string;

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'schemas-check-'));
  });

  afterEach(() => {
    rmSync(repo, { recursive: true, force: true });
  });

  describe('in a git repository', () => {
    beforeEach(() => {
      git(repo, 'init', '-q');
      git(repo, 'config', 'user.email', 'schemas-check@example.test');
      git(repo, 'config', 'user.name', 'schemas check test');
      git(repo, 'config', 'commit.gpgsign', 'false');
    });

    it('fails, naming the field, when the working tree drops a committed default', () => {
      // given
      writeSchema(repo, orderPlaced(currencyWithDefault));
      commit(repo, 'v1 with a defaulted currency');
      // when
      writeSchema(repo, orderPlaced(currencyWithoutDefault));
      const result = runCheck(repo);
      // then
      expect(result.status).toBe(1);
      expect(result.output).toContain(SCHEMA_FILE);
      expect(result.output).toMatch(
        /the working tree cannot read data written with HEAD .*field "currency" lost its default/,
      );
    });

    it('passes when the working tree adds a field with a default', () => {
      // given
      writeSchema(repo, orderPlaced(currencyWithDefault));
      commit(repo, 'v1');
      // when
      writeSchema(repo, orderPlaced(currencyWithDefault, noteWithDefault));
      const result = runCheck(repo);
      // then
      expect(result).toEqual({ status: 0, output: expect.stringMatching(/schemas:check OK: 1 schema\(s\) valid/) });
    });

    it('fails when the working tree drops a default that an earlier commit added', () => {
      // given
      writeSchema(repo, orderPlaced());
      commit(repo, 'v1');
      writeSchema(repo, orderPlaced(currencyWithDefault));
      commit(repo, 'v1 gains a currency, with a default');
      // when
      writeSchema(repo, orderPlaced(currencyWithoutDefault));
      const result = runCheck(repo);
      // then
      expect(result.status).toBe(1);
      expect(result.output).toMatch(/field "currency" lost its default/);
      expect(result.output).toMatch(/field "currency" was added without a default/); // against the first commit
    });

    it('fails when a commit already in history broke an earlier committed version', () => {
      // given
      writeSchema(repo, orderPlaced(currencyWithDefault));
      commit(repo, 'v1');
      writeSchema(repo, orderPlaced(currencyWithoutDefault));
      commit(repo, 'v1 loses the default (slipped through)');
      // when
      const result = runCheck(repo);
      // then
      expect(result.status).toBe(1);
      expect(result.output).toMatch(/HEAD \([0-9a-f]{8}\) cannot read data written with [0-9a-f]{8}: field "currency"/);
    });

    it('fails with the command to run when the generated contracts are out of date', () => {
      // given
      writeSchema(repo, orderPlaced());
      commit(repo, 'v1');
      // when
      writeFileSync(join(repo, SCHEMA_FILE), JSON.stringify(orderPlaced(noteWithDefault)));
      const result = runCheck(repo);
      // then
      expect(result.status).toBe(1);
      expect(result.output).toContain(
        'libs/events/src/generated/orders/order-placed.v1.ts is out of date: run `npm run',
      );
    });
  });

  it('checks the working tree and warns that history was skipped outside a git repository', () => {
    // given
    writeSchema(repo, orderPlaced(currencyWithDefault));
    // when
    const result = runCheck(repo);
    // then
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/warning: .* is not a git repository/);
  });

  it('passes with an empty catalogue', () => {
    // given
    mkdirSync(join(repo, 'schemas'));
    const generatedDir = join(repo, 'libs/events/src/generated');
    writeGenerated(generatedDir, generateContracts(join(repo, 'schemas'), generatedDir));
    // when
    const result = runCheck(repo);
    // then
    expect(result.status).toBe(0);
    expect(result.output).toMatch(/schemas:check OK: 0 schema\(s\) valid/);
  });
});
