/**
 * The rules an event schema must follow before it may ship (DESIGN.md, "Events": schemas evolve
 * backward-compatibly, new fields carry defaults, a breaking change is a new version and a new
 * topic). Pure functions over parsed JSON: no files, no git, so every rule has a fast spec.
 * scripts/schemas/check.ts applies them to the working tree and to the git history.
 */
import { Type } from 'avsc';
import type { Schema, types } from 'avsc';

/**
 * Parses a schema the way the platform's codec (libs/events/src/avro-codec.ts) does, unions
 * unwrapped, so a schema it could not load (an ambiguous union such as ["int", "long"]) fails here
 * too. Throws on invalid Avro. Fresh options every call: avsc keeps its registry of named types inside the options object.
 */
export function parseAvroSchema(schema: unknown): Type {
  return Type.forSchema(schema as Schema, { wrapUnions: false });
}

/** the custom top-level attribute naming the payload field that is the partition key */
export const PARTITION_KEY_ATTRIBUTE = 'x-partition-key';

export interface SchemaPathParts {
  readonly domain: string;
  /** `<domain>.<event>` */
  readonly type: string;
  readonly event: string;
  readonly version: number;
}

const KEBAB = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';
const SCHEMA_PATH = new RegExp(`^(${KEBAB})/(${KEBAB})\\.v([1-9][0-9]*)\\.avsc$`);

/** `orders/order-placed.v1.avsc` (relative to `schemas/`) → its domain, event type and version */
export function parseSchemaPath(path: string): SchemaPathParts | undefined {
  const match = SCHEMA_PATH.exec(path.replace(/\\/g, '/'));
  if (!match) return undefined;
  const [, domain, event, version] = match;
  return { domain, event, type: `${domain}.${event}`, version: Number(version) };
}

export function validateEventSchema(path: string, schema: unknown): string[] {
  const problems: string[] = [];
  if (!parseSchemaPath(path)) {
    problems.push(`path "${path}" must be <domain>/<event>.v<N>.avsc in kebab case, e.g. orders/order-placed.v1.avsc`);
  }
  if (!isObject(schema) || schema.type !== 'record') {
    return [...problems, 'the schema must be an Avro "record" (a JSON object with "type": "record")'];
  }
  const parsed = parse(schema);
  if (typeof parsed === 'string') return [...problems, `not a valid Avro schema: ${parsed}`];
  return [...problems, ...partitionKeyProblems(schema, parsed as types.RecordType)];
}

function partitionKeyProblems(schema: Record<string, unknown>, record: types.RecordType): string[] {
  const key = schema[PARTITION_KEY_ATTRIBUTE];
  if (typeof key !== 'string' || key.length === 0) {
    return [`"${PARTITION_KEY_ATTRIBUTE}" is missing: name the string field that holds the aggregate id`];
  }
  const field = record.fields.find((f) => f.name === key);
  if (!field) return [`"${PARTITION_KEY_ATTRIBUTE}" names "${key}", which is not a field of the record`];
  // Not a nullable union: a record without a key could not be placed on a partition.
  if (field.type.typeName !== 'string') {
    return [`"${PARTITION_KEY_ATTRIBUTE}" field "${key}" must be a (non-null) string, found ${describe(field.type)}`];
  }
  return [];
}

/**
 * Problems that stop a reader using `next` from reading data written with `previous`; empty when
 * compatible. Avro's resolution rules (through avsc) plus the platform's stricter ones: a default
 * once given is never taken away (records retained from before the field existed rely on it), an
 * added field must carry a default, and the partition key never moves (per-key order would break).
 */
export function checkBackwardCompatible(previous: object, next: object): string[] {
  const writer = parse(previous);
  if (typeof writer === 'string') return [`the previous schema is not valid Avro: ${writer}`];
  const reader = parse(next);
  if (typeof reader === 'string') return [`the new schema is not valid Avro: ${reader}`];

  const walk: Walk = { findings: [], seen: new Set() };
  compareTypes(writer, reader, '', walk);
  const findings = walk.findings;
  const resolution = resolutionError(reader, writer);
  // avsc stops at its first error and rarely names the field; ours are finer, so its text is only
  // added when our walk did not already explain why resolution fails (e.g. a renamed record).
  if (resolution && !findings.some((f) => f.breaksResolution)) {
    findings.push({
      message: `the new schema cannot read data written with the previous one: ${resolution}`,
      breaksResolution: true,
    });
  }
  return [...partitionKeyChange(previous, next), ...findings.map((f) => f.message)];
}

/** what a walk over two schemas has found so far, and which record pairs it has visited */
interface Walk {
  readonly findings: Finding[];
  readonly seen: Set<string>;
}

interface Finding {
  readonly message: string;
  /** true when Avro itself cannot resolve; false for the platform's stricter rules */
  readonly breaksResolution: boolean;
}

function compareTypes(writer: Type, reader: Type, path: string, walk: Walk): void {
  for (const [w, r] of matchingBranches(writer, reader)) {
    if (w.typeName === 'record') {
      const pair = `${w.name}>${r.name}`;
      if (walk.seen.has(pair)) continue; // recursive types: each pair of records is walked once
      walk.seen.add(pair);
      compareRecords(w as types.RecordType, r as types.RecordType, path, walk);
    } else if (w.typeName === 'enum') {
      compareEnums(w as types.EnumType, r as types.EnumType, path, walk);
    } else if (w.typeName === 'array') {
      compareTypes((w as types.ArrayType).itemsType, (r as types.ArrayType).itemsType, `${path}[]`, walk);
    } else if (w.typeName === 'map') {
      compareTypes(valuesOf(w), valuesOf(r), `${path}{}`, walk);
    }
  }
}

function compareRecords(writer: types.RecordType, reader: types.RecordType, path: string, walk: Walk): void {
  const out = walk.findings;
  for (const field of reader.fields) {
    const name = path ? `${path}.${field.name}` : field.name;
    const old = writer.fields.find((f) => f.name === field.name || field.aliases.includes(f.name));
    if (!old) {
      if (!hasDefault(field)) {
        out.push({
          message: `field "${name}" was added without a default: data written before it existed cannot be read; give it a default`,
          breaksResolution: true,
        });
      }
      continue;
    }
    if (hasDefault(old) && !hasDefault(field)) {
      out.push({
        message: `field "${name}" lost its default (${JSON.stringify(old.defaultValue())}): records retained from before the field existed need it; keep the default`,
        breaksResolution: false,
      });
    }
    const before = out.filter((f) => f.breaksResolution).length;
    compareTypes(old.type, field.type, name, walk);
    const error = out.filter((f) => f.breaksResolution).length === before && resolutionError(field.type, old.type);
    if (error) {
      out.push({
        message: `field "${name}" changed type from ${describe(old.type)} to ${describe(field.type)}, which cannot read the old data (${error})`,
        breaksResolution: true,
      });
    }
  }
}

function compareEnums(writer: types.EnumType, reader: types.EnumType, path: string, walk: Walk): void {
  const dropped = writer.symbols.filter((symbol) => !reader.symbols.includes(symbol));
  // avsc types omit the enum default (Avro 1.9+); without one, an unknown symbol cannot be read.
  if (dropped.length === 0 || (reader as types.EnumType & { default?: string }).default !== undefined) return;
  walk.findings.push({
    message: `field "${path}" (enum ${reader.name}) dropped symbol(s) ${dropped.join(', ')} and has no enum default: old data holding them cannot be read`,
    breaksResolution: true,
  });
}

/** pairs of writer/reader branches worth walking into: same kind, and same name for named types */
function matchingBranches(writer: Type, reader: Type): Array<[Type, Type]> {
  const readers = branchesOf(reader);
  const pairs: Array<[Type, Type]> = [];
  for (const w of branchesOf(writer)) {
    const r = readers.find((b) => b.typeName === w.typeName && sameName(w, b, readers.length === 1));
    if (r && ['record', 'enum', 'array', 'map'].includes(w.typeName)) pairs.push([w, r]);
  }
  return pairs;
}

function sameName(writer: Type, reader: Type, onlyCandidate: boolean): boolean {
  if (!writer.name || onlyCandidate) return true;
  return writer.name === reader.name || (reader.aliases ?? []).includes(writer.name ?? '');
}

function branchesOf(type: Type): readonly Type[] {
  return type.typeName.startsWith('union:') ? (type as types.UnwrappedUnionType).types : [type];
}

function partitionKeyChange(previous: object, next: object): string[] {
  const before = (previous as Record<string, unknown>)[PARTITION_KEY_ATTRIBUTE];
  const after = (next as Record<string, unknown>)[PARTITION_KEY_ATTRIBUTE];
  if (before === undefined || before === after) return [];
  return [
    `"${PARTITION_KEY_ATTRIBUTE}" changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}: one topic must keep one key or per-key order breaks; publish a new version`,
  ];
}

function hasDefault(field: types.Field): boolean {
  return field.defaultValue() !== undefined;
}

// avsc types MapType.valuesType as `any`; it is a Type.
function valuesOf(map: Type): Type {
  return (map as types.MapType).valuesType as Type;
}

function resolutionError(reader: Type, writer: Type): string | undefined {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function parse(schema: unknown): Type | string {
  try {
    return parseAvroSchema(schema);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** a short human name for a type: `string`, `orders.Money`, `array<string>`, `[null, int]` */
function describe(type: Type): string {
  if (type.name) return type.name;
  if (type.typeName === 'array') return `array<${describe((type as types.ArrayType).itemsType)}>`;
  if (type.typeName === 'map') return `map<${describe(valuesOf(type))}>`;
  if (type.typeName.startsWith('union:')) return `[${branchesOf(type).map(describe).join(', ')}]`;
  return type.typeName;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
