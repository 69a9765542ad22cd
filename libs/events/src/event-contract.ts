/**
 * An event contract: the one place that says what a type+version is called on the wire,
 * which topic carries it, which payload field is its partition key and which Avro schema
 * validates it. Contracts are generated from `schemas/` (see scripts/schemas/generate.ts),
 * so the schema file is the single source of truth and nothing is kept by hand twice.
 */
export interface EventContract<P = unknown> {
  /** `<domain>.<event>`, e.g. `orders.order-placed` */
  readonly type: string;
  readonly version: number;
  /** `<domain>.<event>.v<N>`: one topic per event type and major version */
  readonly topic: string;
  readonly domain: string;
  /** the payload field whose value is the partition key (the aggregate id) */
  readonly keyField: string;
  /** path of the Avro schema relative to the repository's `schemas/` folder */
  readonly schemaPath: string;
  /** the parsed Avro schema (plain JSON), embedded so no file is read at run time */
  readonly schema: Readonly<Record<string, unknown>>;
  /** phantom field: carries the payload type for inference, never set at run time */
  readonly __payload?: P;
}

export function topicOf(type: string, version: number): string {
  return `${type}.v${version}`;
}

export function domainOf(type: string): string {
  const dot = type.indexOf('.');
  if (dot <= 0) throw new Error(`event type "${type}" must be "<domain>.<event>"`);
  return type.slice(0, dot);
}

export function defineEvent<P>(spec: {
  type: string;
  version: number;
  keyField: keyof P & string;
  schemaPath: string;
  schema: Record<string, unknown>;
}): EventContract<P> {
  return Object.freeze({
    type: spec.type,
    version: spec.version,
    topic: topicOf(spec.type, spec.version),
    domain: domainOf(spec.type),
    keyField: spec.keyField,
    schemaPath: spec.schemaPath,
    schema: spec.schema,
  });
}

export function partitionKeyOf<P>(contract: EventContract<P>, payload: P): string {
  const value = (payload as Record<string, unknown>)[contract.keyField];
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`${contract.topic}: partition key field "${contract.keyField}" must be a non-empty string`);
  }
  return value;
}
