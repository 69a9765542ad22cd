import type { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Type } from 'avsc';
import { UndeliverableEventError } from '../event-errors';

/** the compatibility levels of a Confluent-compatible registry (the library's COMPATIBILITY, as strings) */
export const SUBJECT_COMPATIBILITIES = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const satisfies ReadonlyArray<`${COMPATIBILITY}`>;
export type SubjectCompatibility = (typeof SUBJECT_COMPATIBILITIES)[number];

export interface SchemaRegistryOptions {
  /** base URL of the registry's REST API */
  readonly url: string;
  /** HTTP basic auth (Confluent Cloud: the API key and secret) */
  readonly auth?: { readonly username: string; readonly password: string };
  /** one request's limit; a slower answer counts as the registry being unavailable */
  readonly timeoutMs: number;
  /** register a schema the subject lacks; false: only look ids up (registration is a deploy step's job) */
  readonly autoRegister: boolean;
  /** set on a subject when this client registers its first schema; registering under another level fails */
  readonly compatibility: SubjectCompatibility;
  /** sent as the user agent, and the prefix of the library's error messages */
  readonly clientId: string;
}

/**
 * The registry could not answer (unreachable, timed out, 5xx, refused our credentials): worth
 * retrying later, unlike an answer that a schema id is unknown.
 */
export class SchemaRegistryUnavailableError extends Error {
  readonly code = 'REGISTRY.UNAVAILABLE';

  constructor(message: string) {
    super(message);
    this.name = 'SchemaRegistryUnavailableError';
  }
}

/**
 * A Confluent-compatible schema registry, through @kafkajs/confluent-schema-registry (ADR 0013):
 * it registers (with the subject's compatibility level set on first registration), caches the
 * schema of each id and sends one request for concurrent misses of the same id. On top: the id
 * of each subject is cached here (the library asks the registry on every `register`), and its
 * errors become the pipeline's classes: 404 for an id means the id is unknown (Confluent's error
 * 40403) and no retry will change that; any other failure is the registry being unavailable. The
 * library's own retries are off: the relay and the consumer pipeline retry with their back-off.
 * The library (and its protobuf and JSON-schema helpers) is loaded at the first request, so a
 * process without a registry, the in-process single binary above all, does not pay for it.
 */
export class SchemaRegistryClient {
  private library?: Promise<SchemaRegistry>;
  private readonly ids = new Map<string, Promise<number>>();

  constructor(private readonly options: SchemaRegistryOptions) {}

  get url(): string {
    return this.options.url;
  }

  /**
   * The id of `schema` under `subject`, registered first when auto-registration is on; asked
   * once per subject and process (ids never change), asked again after a failure.
   */
  idOf(subject: string, schema: object): Promise<number> {
    let id = this.ids.get(subject);
    if (!id) {
      id = this.fetchId(subject, JSON.stringify(schema));
      this.ids.set(subject, id);
      id.catch(() => this.ids.delete(subject));
    }
    return id;
  }

  /**
   * The Avro schema registered as `id` (the writer's), parsed; the same object for the same id.
   * `topic` only names where the record came from in the reasons.
   */
  async writerSchema(id: number, topic: string): Promise<Type> {
    const registry = await this.registry();
    let schema: unknown;
    try {
      schema = await registry.getSchema(id);
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) {
        throw new UndeliverableEventError(
          'EVENT.UNKNOWN_SCHEMA_ID',
          `schema id ${id} is unknown to the schema registry (record on ${topic}; the registry said: ${this.reason(error)})`,
        );
      }
      if (status !== undefined) {
        throw new SchemaRegistryUnavailableError(
          `the schema registry at ${this.url} did not answer for schema id ${id} (record on ${topic}): ${this.reason(error)}`,
        );
      }
      throw new UndeliverableEventError(
        'EVENT.INCOMPATIBLE_SCHEMA',
        `schema id ${id} (record on ${topic}) is not a schema this consumer can read: ${this.reason(error)}`,
      );
    }
    if (!(schema instanceof Type)) {
      throw new UndeliverableEventError(
        'EVENT.INCOMPATIBLE_SCHEMA',
        `schema id ${id} (record on ${topic}) is not an Avro schema`,
      );
    }
    return schema;
  }

  /** the library's HTTP errors read "<clientId> - <the registry's message>": the message */
  private reason(error: unknown): string {
    const message = messageOf(error);
    const prefix = `${this.options.clientId} - `;
    return message.startsWith(prefix) ? message.slice(prefix.length) : message;
  }

  private registry(): Promise<SchemaRegistry> {
    this.library ??= loadLibrary(this.options);
    return this.library;
  }

  private async fetchId(subject: string, schema: string): Promise<number> {
    try {
      const registry = await this.registry();
      const confluentSchema = { type: AVRO, schema };
      if (!this.options.autoRegister) return await registry.getRegistryIdBySchema(subject, confluentSchema);
      const compatibility = this.options.compatibility as COMPATIBILITY;
      return (await registry.register(confluentSchema, { subject, compatibility })).id;
    } catch (error) {
      const action = this.options.autoRegister
        ? 'register the schema under'
        : 'find the schema (SCHEMA_REGISTRY_AUTO_REGISTER=false) under';
      throw new Error(`cannot ${action} subject ${subject} at the schema registry ${this.url}: ${this.reason(error)}`, {
        cause: error,
      });
    }
  }
}

/** the library's SchemaType.AVRO, without loading the library for it */
const AVRO = 'AVRO' as SchemaType.AVRO;

async function loadLibrary(options: SchemaRegistryOptions): Promise<SchemaRegistry> {
  const [{ SchemaRegistry: Client }, { TimeoutMiddleware }] = await Promise.all([
    import('@kafkajs/confluent-schema-registry'),
    import('mappersmith/middleware/timeout'),
  ]);
  return new Client({
    host: options.url,
    auth: options.auth ? { ...options.auth } : undefined,
    clientId: options.clientId,
    retry: { retries: 0 },
    middlewares: [TimeoutMiddleware(options.timeoutMs)],
  });
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
