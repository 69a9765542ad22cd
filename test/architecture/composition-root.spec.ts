// Only composition roots read the environment (docs/adr/0024-one-composition-root.md): each
// deployable's main.ts and each CLI's entry point take it once, check it against their catalogue
// and hand it down. A file elsewhere that reads process.env would bring back a setting read twice,
// with two defaults, that --print-settings and the unknown-setting check cannot see.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');

/** the composition roots, and the one place test support reads the environment */
const ALLOWED = [
  /^apps\/[^/]+\/src\/main\.ts$/, // every deployable
  /^apps\/analytics\/src\/rebuild\/main\.ts$/, // npm run analytics:rebuild
  /^scripts\/(dead-letters|invariants|migrate)\/main\.ts$/,
  /^scripts\/kafka\/topics\.ts$/, // npm run kafka:topics
  /^scripts\/schemas\/check\.ts$/, // npm run schemas:check
  /^scripts\/openapi\/generate-client\.ts$/, // npm run api:generate
  // test support: the one reader, and the two that set up (and restore) a suite's environment
  /^libs\/testing\/src\/(test-environment|context-test-app|kafka-test-suite)\.ts$/,
  /^libs\/observability\/test\/log-one-line\.app\.ts$/, // a child process's root in a test
];

/** test code (specs, fixtures, benchmarks) sets up environments of its own */
const TEST_CODE = /(\.(int-|e2e-)?spec\.ts$|(^|\/)test\/)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** files outside the roots and test code whose code (not a comment) reads process.env */
export function environmentReaders(files: readonly string[], read: (file: string) => string): string[] {
  return files.filter(
    (file) =>
      !TEST_CODE.test(file) &&
      !ALLOWED.some((root) => root.test(file)) &&
      /\bprocess\.env\b/.test(withoutComments(read(file))),
  );
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('one composition root', () => {
  it('lets no file outside the composition roots and test support read process.env', () => {
    const files = ['apps', 'libs', 'scripts']
      .flatMap(sourceFiles)
      .map((file) => relative(REPO_ROOT, join(REPO_ROOT, file)));
    expect(environmentReaders(files, (file) => readFileSync(join(REPO_ROOT, file), 'utf8'))).toEqual([]);
  });

  it('would catch a library, a context or a script that reads it, but not a comment or a test', () => {
    const sources: Record<string, string> = {
      'libs/x/src/setting.ts': 'export const port = Number(process.env.PORT);\n',
      'apps/orders/src/saga/sweep.ts': "const ms = process.env['ORDERS_SAGA_SWEEP_MS'];\n",
      'scripts/tool/run.ts': 'const { HOME } = process.env;\n',
      'libs/x/src/doc.ts': '/** never reads process.env */\nexport const x = 1; // nor process.env\n',
      'libs/x/src/setting.spec.ts': 'process.env.PORT = "1";\n',
      'apps/orders/test/kit.ts': 'process.env.ADMIN_TOKEN;\n',
      'apps/orders/src/main.ts': 'run(process.env);\n',
    };
    expect(environmentReaders(Object.keys(sources), (file) => sources[file])).toEqual([
      'libs/x/src/setting.ts',
      'apps/orders/src/saga/sweep.ts',
      'scripts/tool/run.ts',
    ]);
  });
});
