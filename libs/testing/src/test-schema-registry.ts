import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Type } from 'avsc';

/**
 * A TEST DOUBLE of a Confluent schema registry's REST API, for tests only: no Confluent-compatible
 * registry runs on the development machines or in CI (the real one is a JVM service; none is
 * packaged for Debian or npm), so this plays one on 127.0.0.1, in memory. It implements the part
 * the platform's client (@kafkajs/confluent-schema-registry) calls, with the registry's answers
 * and error bodies (`{ error_code, message }`, content type application/vnd.schemaregistry.v1+json):
 *
 * - POST /subjects/{subject}/versions: register (the same schema gets the same global id; a
 *   schema incompatible with the subject's level is refused with 409)
 * - POST /subjects/{subject}: the id of a schema already under the subject (40401, 40403)
 * - GET /schemas/ids/{id}: the schema of an id (40403 for an unknown id)
 * - GET /subjects, GET /subjects/{subject}/versions/latest
 * - GET and PUT /config/{subject} (40408 when the subject has no level of its own)
 *
 * Faults: `failWith(503)` answers every request with that status until `recover()`; optional
 * basic auth answers 401 to a request without the right credentials. Every request is logged.
 */
export class TestSchemaRegistry {
  /** method, path and the status answered, in order */
  readonly requests: Array<{ method: string; path: string; status: number }> = [];
  /** id -> schema text (canonical) */
  private readonly schemas = new Map<number, string>();
  private readonly subjects = new Map<string, number[]>();
  private readonly configs = new Map<string, string>();
  private failure?: number;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly auth?: { readonly username: string; readonly password: string },
  ) {}

  static async start(options: { auth?: { username: string; password: string } } = {}): Promise<TestSchemaRegistry> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const registry = new TestSchemaRegistry(server, `http://127.0.0.1:${port}`, options.auth);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void registry.handle(req, res));
    return registry;
  }

  /** the settings an app needs to use this registry */
  env(): NodeJS.ProcessEnv {
    return {
      SCHEMA_REGISTRY_URL: this.url,
      SCHEMA_REGISTRY_USERNAME: this.auth?.username ?? '',
      SCHEMA_REGISTRY_PASSWORD: this.auth?.password ?? '',
    };
  }

  /**
   * Registers `schema` under `subject` behind the API's back (no fault, no auth, no compatibility
   * check), under `id` if given (as a registry in IMPORT mode does), else under the next id.
   */
  register(subject: string, schema: object, id?: number): number {
    return this.add(subject, JSON.stringify(schema), id);
  }

  /** the id the next new schema will get (ids are global and start at 1, as Confluent's do) */
  nextId(): number {
    return Math.max(0, ...this.schemas.keys()) + 1;
  }

  /** every request is answered with `status` (e.g. 503) until recover() */
  failWith(status: number): void {
    this.failure = status;
  }

  recover(): void {
    this.failure = undefined;
  }

  /** requests answered so far whose path starts with `prefix` and whose status is `status` (any, if unset) */
  count(prefix: string, status?: number): number {
    return this.requests.filter((r) => r.path.startsWith(prefix) && (status === undefined || r.status === status))
      .length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = decodeURI((req.url ?? '/').split('?')[0]);
    const body = await readBody(req);
    const [status, answer] = this.answer(method, path, req.headers.authorization, body);
    this.requests.push({ method, path, status });
    res.writeHead(status, { 'Content-Type': 'application/vnd.schemaregistry.v1+json' });
    res.end(JSON.stringify(answer));
  }

  private answer(method: string, path: string, authorization: string | undefined, body: string): [number, unknown] {
    if (this.failure !== undefined)
      return [this.failure, error(this.failure, 'unavailable (a fault the test injected)')];
    if (this.auth && authorization !== basic(this.auth)) return [401, error(401, 'Unauthorized')];
    let match: RegExpExecArray | null;
    if (method === 'GET' && (match = /^\/schemas\/ids\/(\d+)$/.exec(path))) return this.schemaById(Number(match[1]));
    if (method === 'GET' && path === '/subjects') return [200, [...this.subjects.keys()]];
    if (method === 'POST' && (match = /^\/subjects\/([^/]+)\/versions$/.exec(path)))
      return this.registerChecked(match[1], body);
    if (method === 'POST' && (match = /^\/subjects\/([^/]+)$/.exec(path))) return this.lookUp(match[1], body);
    if (method === 'GET' && (match = /^\/subjects\/([^/]+)\/versions\/latest$/.exec(path)))
      return this.latest(match[1]);
    if ((match = /^\/config\/([^/]+)$/.exec(path))) return this.config(method, match[1], body);
    return [404, error(404, 'HTTP 404 Not Found')];
  }

  private schemaById(id: number): [number, unknown] {
    const schema = this.schemas.get(id);
    return schema === undefined ? [404, error(40403, `Schema ${id} not found`)] : [200, { schema }];
  }

  private registerChecked(subject: string, body: string): [number, unknown] {
    const schema = canonical(schemaOf(body));
    if (schema === undefined) return [422, error(42201, 'Invalid schema')];
    const existing = this.idOf(subject, schema);
    if (existing !== undefined) return [200, { id: existing }];
    const problem = this.incompatibility(subject, schema);
    if (problem) return [409, error(409, `Schema being registered is incompatible with an earlier schema: ${problem}`)];
    return [200, { id: this.add(subject, schema) }];
  }

  private lookUp(subject: string, body: string): [number, unknown] {
    const versions = this.subjects.get(subject);
    if (!versions) return [404, error(40401, `Subject '${subject}' not found.`)];
    const schema = canonical(schemaOf(body));
    const id = schema === undefined ? undefined : this.idOf(subject, schema);
    if (id === undefined) return [404, error(40403, 'Schema not found')];
    return [200, { subject, id, version: versions.indexOf(id) + 1, schema }];
  }

  private latest(subject: string): [number, unknown] {
    const versions = this.subjects.get(subject);
    if (!versions) return [404, error(40401, `Subject '${subject}' not found.`)];
    const id = versions[versions.length - 1];
    return [200, { subject, id, version: versions.length, schema: this.schemas.get(id) }];
  }

  private config(method: string, subject: string, body: string): [number, unknown] {
    if (method === 'PUT') {
      const level = (JSON.parse(body || '{}') as { compatibility?: string }).compatibility ?? '';
      if (!LEVELS.includes(level)) return [422, error(42203, `Invalid compatibility level: ${level}`)];
      this.configs.set(subject, level);
      return [200, { compatibility: level }];
    }
    const level = this.configs.get(subject);
    if (!level) return [404, error(40408, `Subject '${subject}' does not have subject-level compatibility configured`)];
    return [200, { compatibilityLevel: level }];
  }

  private idOf(subject: string, schema: string): number | undefined {
    return this.subjects.get(subject)?.find((id) => this.schemas.get(id) === schema);
  }

  private add(subject: string, text: string, wanted?: number): number {
    const schema = canonical(text) ?? text;
    let id = wanted ?? [...this.schemas].find(([, known]) => known === schema)?.[0];
    if (id === undefined) id = this.nextId();
    if (this.schemas.has(id) && this.schemas.get(id) !== schema) throw new Error(`schema id ${id} is taken`);
    this.schemas.set(id, schema);
    const versions = this.subjects.get(subject) ?? [];
    if (!versions.includes(id)) versions.push(id);
    this.subjects.set(subject, versions);
    return id;
  }

  /** why `schema` may not join the subject under its level (the global default is BACKWARD), if it may not */
  private incompatibility(subject: string, schema: string): string | undefined {
    const level = this.configs.get(subject) ?? 'BACKWARD';
    const versions = this.subjects.get(subject) ?? [];
    if (level === 'NONE' || versions.length === 0) return undefined;
    const against = level.endsWith('_TRANSITIVE') ? versions : versions.slice(-1);
    const next = parse(schema);
    for (const id of against) {
      const earlier = parse(this.schemas.get(id) ?? '');
      try {
        if (!level.startsWith('FORWARD')) next.createResolver(earlier); // the new schema reads old data
        if (!level.startsWith('BACKWARD')) earlier.createResolver(next); // old readers read new data
      } catch (e) {
        return `id ${id} (${level}): ${(e as Error).message}`;
      }
    }
    return undefined;
  }
}

const LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'];

function error(code: number, message: string): { error_code: number; message: string } {
  return { error_code: code, message };
}

function basic(auth: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

function schemaOf(body: string): string | undefined {
  try {
    const schema = (JSON.parse(body) as { schema?: unknown }).schema;
    return typeof schema === 'string' ? schema : undefined;
  } catch {
    return undefined;
  }
}

/** the schema without insignificant whitespace, if it is valid Avro */
function canonical(schema: string | undefined): string | undefined {
  if (schema === undefined) return undefined;
  try {
    parse(schema);
    return JSON.stringify(JSON.parse(schema));
  } catch {
    return undefined;
  }
}

/** fresh options per call: avsc keeps its named types in the options object */
function parse(schema: string): Type {
  return Type.forSchema(JSON.parse(schema) as Parameters<typeof Type.forSchema>[0], {});
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
