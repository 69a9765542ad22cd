import { Client } from 'pg';

/** The server's version and the settings that bound commit-heavy work, for the report's header. */
export async function serverSettings(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings
        WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'shared_buffers', 'max_connections', 'wal_level')`,
    );
    const get = (name: string): string => rows.find((r) => r.name === name)?.setting ?? '?';
    return (
      `PostgreSQL ${get('server_version')} at ${url.replace(/:[^:@/]+@/, ':***@')} (synchronous_commit=${get('synchronous_commit')}, ` +
      `fsync=${get('fsync')}, shared_buffers=${get('shared_buffers')} x 8 kB, max_connections=${get('max_connections')}, wal_level=${get('wal_level')})`
    );
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
