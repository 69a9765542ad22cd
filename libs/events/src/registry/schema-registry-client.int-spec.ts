import { TestEventV1Contract, TestSchemaRegistry } from '@platform/testing';
import { UndeliverableEventError } from '../event-errors';
import {
  SchemaRegistryClient,
  SchemaRegistryUnavailableError,
  type SchemaRegistryOptions,
} from './schema-registry-client';

// The platform's registry client over real HTTP, against the test double of a Confluent
// registry: ids registered and cached per subject, writer schemas by id, and the registry's
// failures sorted into "never" (unknown id) and "later" (unavailable).
describe('SchemaRegistryClient (HTTP, test registry)', () => {
  const AUTH = { username: 'platform', password: 's3cret' };
  const SCHEMA = TestEventV1Contract.schema;
  let registry: TestSchemaRegistry;

  const clientFor = (options: Partial<SchemaRegistryOptions> = {}): SchemaRegistryClient =>
    new SchemaRegistryClient({
      url: registry.url,
      auth: AUTH,
      timeoutMs: 2_000,
      autoRegister: true,
      compatibility: 'BACKWARD_TRANSITIVE',
      clientId: 'registry-spec',
      ...options,
    });

  beforeEach(async () => {
    registry = await TestSchemaRegistry.start({ auth: AUTH });
  });

  afterEach(async () => {
    await registry.close();
  });

  it('registers a schema once per subject, sets the subject compatibility, and caches the id', async () => {
    // given
    const client = clientFor();
    // when
    const first = await client.idOf('t.topic-value', SCHEMA);
    const again = await client.idOf('t.topic-value', SCHEMA);
    // then
    expect(again).toBe(first);
    expect(registry.count('/subjects/t.topic-value/versions')).toBe(1);
    const config = await fetch(`${registry.url}/config/t.topic-value`, { headers: authHeader() });
    expect(await config.json()).toEqual({ compatibilityLevel: 'BACKWARD_TRANSITIVE' });
  });

  it('reads the writer schema of an id, the same parsed object each time', async () => {
    // given
    const id = registry.register('t.topic-value', SCHEMA);
    const client = clientFor();
    // when
    const writer = await client.writerSchema(id, 't.topic');
    // then
    expect(await client.writerSchema(id, 't.topic')).toBe(writer);
    expect(writer.toBuffer({ entityId: 'e', seq: 1, note: '' })).toBeInstanceOf(Buffer);
    expect(registry.count(`/schemas/ids/${id}`)).toBe(1);
  });

  it('refuses an id the registry does not know for good, naming the id and the topic', async () => {
    // given
    const client = clientFor();
    // when
    const error = await client.writerSchema(999, 'orders.order-placed.v1').catch((e: unknown) => e);
    // then
    expect(error).toBeInstanceOf(UndeliverableEventError);
    expect(error).toMatchObject({ code: 'EVENT.UNKNOWN_SCHEMA_ID' });
    expect((error as Error).message).toMatch(
      /^schema id 999 is unknown to the schema registry \(record on orders\.order-placed\.v1;.*Schema 999 not found/,
    );
  });

  it('reports a failing, unreachable or credential-refusing registry as unavailable (retry later)', async () => {
    // given
    const id = registry.register('t.topic-value', SCHEMA);
    registry.failWith(503);
    // when / then: a 5xx
    await expect(clientFor().writerSchema(id, 't.topic')).rejects.toBeInstanceOf(SchemaRegistryUnavailableError);
    await expect(clientFor().idOf('t.topic-value', SCHEMA)).rejects.toThrow(/cannot register the schema under subject/);
    // wrong credentials
    registry.recover();
    const refused = clientFor({ auth: { username: 'platform', password: 'wrong' } });
    await expect(refused.writerSchema(id, 't.topic')).rejects.toBeInstanceOf(SchemaRegistryUnavailableError);
    // nothing listening any more
    const client = clientFor();
    await registry.close();
    const error = await client.writerSchema(id, 't.topic').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaRegistryUnavailableError);
    expect((error as Error).message).toMatch(/did not answer for schema id \d+ \(record on t\.topic\)/);
    registry = await TestSchemaRegistry.start(); // for afterEach
  });

  it('asks again after a failure: a registry that is back is used', async () => {
    // given
    const client = clientFor();
    registry.failWith(503);
    await expect(client.idOf('t.topic-value', SCHEMA)).rejects.toThrow();
    // when
    registry.recover();
    // then
    await expect(client.idOf('t.topic-value', SCHEMA)).resolves.toBeGreaterThan(0);
  });

  it('without auto-registration, finds a registered schema and refuses an unregistered one', async () => {
    // given
    const client = clientFor({ autoRegister: false });
    await expect(client.idOf('t.topic-value', SCHEMA)).rejects.toThrow(/SCHEMA_REGISTRY_AUTO_REGISTER=false/);
    // when
    const id = registry.register('t.topic-value', SCHEMA);
    // then
    await expect(client.idOf('t.topic-value', SCHEMA)).resolves.toBe(id);
    expect(registry.count('/subjects/t.topic-value/versions')).toBe(0);
  });

  it('refuses to register under a subject configured with another compatibility level', async () => {
    // given
    registry.register('t.topic-value', SCHEMA);
    await fetch(`${registry.url}/config/t.topic-value`, {
      method: 'PUT',
      headers: { ...authHeader(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ compatibility: 'FULL' }),
    });
    // when / then
    await expect(clientFor().idOf('t.topic-value', SCHEMA)).rejects.toThrow(
      /Compatibility does not match the configuration \(BACKWARD_TRANSITIVE != FULL\)/,
    );
  });

  function authHeader(): Record<string, string> {
    return { Authorization: `Basic ${Buffer.from(`${AUTH.username}:${AUTH.password}`).toString('base64')}` };
  }
});
