#!/usr/bin/env node
// `npm start`: builds when the compiled output is missing or older than any source file,
// then runs the single binary in this same process.
//
// Signals: npm 11 runs a script through `sh -c`, forwards SIGTERM/SIGINT only to that shell, and
// dash dies of them without passing them on, which left this process running. So package.json
// starts us with `exec node ...`: the shell becomes this process, npm's forwarded signal reaches
// the platform's graceful shutdown, and npm exits with our exit code.
'use strict';
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'apps', process.env.APP || 'monolith', 'src', 'main.js');
const stamp = join(root, 'dist', '.build-stamp');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|avsc|js|css|html)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestSource(join(root, 'apps')),
  newestSource(join(root, 'libs')),
  newestSource(join(root, 'scripts', 'kafka')),
  newestSource(join(root, 'scripts', 'invariants')),
  statSync(join(root, 'tsconfig.json')).mtimeMs,
  statSync(join(root, 'scripts', 'build.js')).mtimeMs,
);
if (!existsSync(entry) || !existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
  console.log('[start] building (sources changed since the last build)...');
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
}
require(entry);
