import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminTokenPath, loadOrCreateAdminToken, readAdminToken } from './admin-token';

// The admin token of a laptop run: made once, kept beside the data directory, read by the CLIs.
describe('the admin token', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'admin-token-'));
    env = { PGLITE_DATA_DIR: join(dir, 'data', 'pglite') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives beside the PGlite folder, not inside it; ./data/pglite by default', () => {
    expect(adminTokenPath(env)).toBe(join(dir, 'data', 'pglite.admin-token'));
    expect(adminTokenPath({})).toBe(join(process.cwd(), 'data', 'pglite.admin-token'));
  });

  it('is made at the first start in a file only its owner can read, and the same at every later start', () => {
    // given / when
    const first = loadOrCreateAdminToken(env);
    const second = loadOrCreateAdminToken(env);
    // then
    expect(first.source).toBe('created');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(second).toEqual({ token: first.token, source: 'file' });
    expect(statSync(adminTokenPath(env)).mode & 0o777).toBe(0o600);
    expect(readFileSync(adminTokenPath(env), 'utf8').trim()).toBe(first.token);
    expect(readAdminToken(env)).toBe(first.token);
  });

  it('is ADMIN_TOKEN when that is set, and then no file is made', () => {
    // given
    const configured = { ...env, ADMIN_TOKEN: ' from-env ' };
    // when / then
    expect(loadOrCreateAdminToken(configured)).toEqual({ token: 'from-env', source: 'env' });
    expect(readAdminToken(configured)).toBe('from-env');
    expect(readAdminToken(env)).toBeUndefined();
  });

  it('is not made by the CLIs: without ADMIN_TOKEN or the file there is none', () => {
    expect(readAdminToken(env)).toBeUndefined();
    expect(() => statSync(adminTokenPath(env))).toThrow();
  });

  it('is kept with DATABASE_URL too: still a local run', () => {
    // given
    const onServer = { ...env, DATABASE_URL: 'postgres://localhost/db' };
    // when
    const { token, source } = loadOrCreateAdminToken(onServer);
    // then
    expect(source).toBe('created');
    expect(readAdminToken(onServer)).toBe(token);
  });

  it('is not kept for an in-memory database, which forgets everything at exit', () => {
    // given
    const inMemory = { PGLITE_DATA_DIR: 'memory://' };
    // when / then
    expect(loadOrCreateAdminToken(inMemory).source).toBe('created');
    expect(readAdminToken(inMemory)).toBeUndefined();
  });

  it('refuses an empty token file rather than accept an empty token', () => {
    // given
    loadOrCreateAdminToken(env);
    writeFileSync(adminTokenPath(env), '\n');
    // when / then
    expect(() => readAdminToken(env)).toThrow(/is empty/);
  });
});
