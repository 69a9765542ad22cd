import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';

/** One file the console serves: its bytes, its type and a validator for conditional requests. */
export interface ConsoleAsset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly etag: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The front-end libraries, served from node_modules under /console/vendor/ so the console needs
 * no CDN and no build step (docs/adr/0027-operator-console.md). The page's import map maps the
 * bare names the modules import each other by ("preact") to these paths.
 */
const VENDOR: Readonly<Record<string, () => string>> = {
  'vendor/preact.mjs': () => join(dirname(require.resolve('preact')), 'preact.mjs'),
  'vendor/hooks.mjs': () => join(dirname(require.resolve('preact/hooks')), 'hooks.mjs'),
  'vendor/htm.mjs': () => join(dirname(require.resolve('htm')), 'htm.mjs'),
};

/**
 * The console's own files: `libs/console/web` beside this folder when run from the sources, and
 * the copy `npm run build` puts beside dist/libs/console/src when run from dist/.
 */
export function consoleWebDir(): string {
  const dir = join(__dirname, '..', 'web');
  if (!existsSync(dir)) throw new Error(`the console's files are missing: ${dir} (run npm run build)`);
  return dir;
}

/**
 * Every file of the console, read once at start and kept in memory (a few dozen kB): a request
 * path is looked up in this map, never joined onto a folder, so no path can reach outside it.
 */
export function loadConsoleAssets(webDir = consoleWebDir()): ReadonlyMap<string, ConsoleAsset> {
  const assets = new Map<string, ConsoleAsset>();
  const add = (path: string, file: string) => {
    const body = readFileSync(file);
    const contentType = TYPES[extname(file)] ?? 'application/octet-stream';
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(path, { body, contentType, etag });
  };
  for (const file of filesUnder(webDir)) add(relative(webDir, file).split(sep).join('/'), file);
  for (const [path, locate] of Object.entries(VENDOR)) add(path, locate());
  return assets;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The page's Content-Security-Policy: the platform's (helmet's default, scripts only from this
 * origin) plus the one inline script the page has, its import map, allowed by its hash.
 */
export function consolePolicy(indexHtml: string): string {
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(indexHtml)?.[1];
  if (importMap === undefined) throw new Error('the console page has no import map');
  const hash = createHash('sha256').update(importMap).digest('base64');
  return [
    "default-src 'self'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
    "form-action 'self'",
  ].join('; ');
}
