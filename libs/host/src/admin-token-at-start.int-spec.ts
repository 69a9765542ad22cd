import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { DatabaseTarget } from '@platform/database';
import { createTestDatabase, databaseBackends } from '@platform/testing';
import { createPlatformApp } from '@platform/http';
import { platformRoot } from './platform-root';

const backend = databaseBackends().at(-1)!;

/**
 * Issue 11 item 3, end to end: without ADMIN_TOKEN a deployable makes its admin token at start
 * (not at the first admin request), keeps it beside the data directory for its owner only, and
 * accepts it, the same one again after a restart.
 */
describe(`the admin token at start on ${backend}`, () => {
  const saved = { ...process.env };
  let dir: string;
  let target: DatabaseTarget;

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    dir = mkdtempSync(join(tmpdir(), 'admin-token-start-'));
    delete process.env.ADMIN_TOKEN;
    process.env.PGLITE_DATA_DIR = join(dir, 'pglite');
    if (backend === 'postgres') process.env.DATABASE_URL = target.url;
    else delete process.env.DATABASE_URL;
  });

  afterAll(async () => {
    await target?.release();
    rmSync(dir, { recursive: true, force: true });
    process.env = saved;
  });

  const started = async (): Promise<{ app: INestApplication; url: string }> => {
    const app = await createPlatformApp(platformRoot('admin-token-test', [], { ...process.env }), {
      service: 'admin-token-test',
    });
    await app.listen(0, '127.0.0.1');
    return { app, url: await app.getUrl() };
  };

  const statusWith = async (url: string, token: string): Promise<number> =>
    (await fetch(`${url}/admin/dead-letters`, { headers: { Authorization: `Bearer ${token}` } })).status;

  it('is made at start, kept for its owner only, accepted, and the same after a restart', async () => {
    // given: a first start, before any admin request
    const first = await started();
    const path = join(dir, 'pglite.admin-token');
    const token = readFileSync(path, 'utf8').trim();
    // then
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await statusWith(first.url, token)).toBe(200);
    expect(await statusWith(first.url, `${token}x`)).toBe(401);
    await first.app.close();

    // when: it starts again
    const second = await started();
    // then: the same token, still accepted
    expect(readFileSync(path, 'utf8').trim()).toBe(token);
    expect(await statusWith(second.url, token)).toBe(200);
    await second.app.close();
  });
});
