#!/usr/bin/env node
// `npm run build`: compiles apps/, libs/, scripts/kafka/ and scripts/invariants/ into dist/ with swc, one file at a
// time, in about a second: no type check (that is `npm run typecheck`, tsc --noEmit, in CI) and
// no bundling (PGlite loads its WebAssembly files from node_modules). The swc settings are the
// ones Jest and @swc-node/register already run the code with: legacy decorators with their
// design-time metadata (Nest's dependency injection reads it), class fields as tsc's
// useDefineForClassFields=false. The path aliases of tsconfig.json (@platform/*, @contexts/*)
// become relative requires, so dist/ runs with plain node.
'use strict';
const { cp, mkdir, readdir, rm, writeFile } = require('node:fs/promises');
const { availableParallelism } = require('node:os');
const { basename, dirname, join, relative } = require('node:path');
const swc = require('@swc/core');

const root = join(__dirname, '..');
const outDir = join(root, 'dist');
// scripts/invariants: the monolith serves the invariant check (GET /admin/invariants)
const sourceDirs = ['apps', 'libs', join('scripts', 'kafka'), join('scripts', 'invariants')];
const CONSOLE_WEB = join('libs', 'console', 'web');
const TESTS = /\.(spec|int-spec|e2e-spec)\.ts$/;
const { compilerOptions } = require(join(root, 'tsconfig.json'));

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: compilerOptions.paths,
  },
  module: { type: 'commonjs', strictMode: true },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

async function sources(dir) {
  const found = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await sources(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !TESTS.test(entry.name)) found.push(path);
  }
  return found;
}

async function compile(source) {
  const out = join(outDir, source.replace(/\.ts$/, '.js'));
  const { code, map } = await swc.transformFile(join(root, source), {
    ...options,
    filename: join(root, source),
    sourceFileName: relative(dirname(out), join(root, source)),
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${code}\n//# sourceMappingURL=${basename(out)}.map\n`);
  await writeFile(`${out}.map`, map);
}

async function main() {
  const started = Date.now();
  await Promise.all(sourceDirs.map((dir) => rm(join(outDir, dir), { recursive: true, force: true })));
  const files = (await Promise.all(sourceDirs.map(sources))).flat();
  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) await compile(file);
  };
  await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
  // the operator console's page, scripts and styles are served as they are (ADR 0027): copied beside
  // dist/libs/console/src, where the console looks for them
  await cp(join(root, CONSOLE_WEB), join(outDir, CONSOLE_WEB), { recursive: true });
  console.log(`[build] ${files.length} files compiled into dist/ in ${Date.now() - started} ms`);
}

main().catch((error) => {
  console.error(`[build] ${error.stack ?? error}`);
  process.exit(1);
});
