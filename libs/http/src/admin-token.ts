import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Environment } from '@platform/config';
import { DATABASE_SETTINGS } from '@platform/database';

/**
 * The operator credential for admin endpoints (issue 11 item 3): ADMIN_TOKEN when set; else one
 * kept beside the embedded data directory (`./data/pglite.admin-token`, mode 0600), made at the
 * first start and read again at every later one, so a laptop run is never left open and the
 * token survives restarts. With DATABASE_URL and no ADMIN_TOKEN it is the same file: that is
 * still a local run, and the file's place is only a default. The CLIs read it with
 * readAdminToken; the app makes it at start with loadOrCreateAdminToken.
 */
export type AdminTokenSource = 'env' | 'file' | 'created';

const IN_MEMORY = 'memory://';

/** the token file of the embedded data directory: beside the PGlite folder, not inside it */
export function adminTokenPath(env: Environment): string {
  return `${resolve(dataDirOf(env))}.admin-token`;
}

/** ADMIN_TOKEN, else the token file's content when there is one; never creates it */
export function readAdminToken(env: Environment): string | undefined {
  const configured = env.ADMIN_TOKEN?.trim();
  if (configured) return configured;
  if (isInMemory(env)) return undefined;
  const path = adminTokenPath(env);
  if (!existsSync(path)) return undefined;
  const stored = readFileSync(path, 'utf8').trim();
  if (!stored) throw new Error(`the admin token file ${path} is empty: delete it, and a new one is made at start`);
  return stored;
}

/** what the app uses at start: ADMIN_TOKEN, the kept token, or a new one kept from now on */
export function loadOrCreateAdminToken(env: Environment): {
  token: string;
  source: AdminTokenSource;
} {
  const existing = readAdminToken(env);
  if (existing) return { token: existing, source: env.ADMIN_TOKEN?.trim() ? 'env' : 'file' };
  const token = randomBytes(24).toString('base64url');
  // an in-memory database forgets everything at exit: so does its token
  if (isInMemory(env)) return { token, source: 'created' };
  const kept = keepOnce(adminTokenPath(env), token);
  return kept === token ? { token, source: 'created' } : { token: kept, source: 'file' };
}

/**
 * Writes the token to a file of its own first, then links it into place: the link fails when
 * another process (a split service on the same machine) made the file meanwhile, and then its
 * token is the one, so every process agrees and nobody reads half a file.
 */
function keepOnce(path: string, token: string): string {
  mkdirSync(dirname(path), { recursive: true }); // at the first start, before PGlite made ./data
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${token}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(draft, 0o600); // the umask may have narrowed it further, never widened: make it exact
  try {
    linkSync(draft, path);
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(path, 'utf8').trim();
  } finally {
    unlinkSync(draft);
  }
}

function dataDirOf(env: Environment): string {
  return DATABASE_SETTINGS.read(env).PGLITE_DATA_DIR;
}

function isInMemory(env: Environment): boolean {
  return dataDirOf(env).startsWith(IN_MEMORY);
}
