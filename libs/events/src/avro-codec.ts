import { Type } from 'avsc';
import type { EventContract } from './event-contract';
import { ContractViolationError, UndeliverableEventError } from './event-errors';

type Resolver = ReturnType<Type['createResolver']>;

/**
 * Avro (de)serialisation of payloads, used by every transport, the in-process one included,
 * so a contract bug shows up on a laptop and not first in production.
 * Types are compiled once per contract and cached.
 */
export class AvroCodec {
  private readonly types = new WeakMap<EventContract, Type>();
  /** reader Type -> writer Type -> resolver (null: the schemas are equal, no resolver needed) */
  private readonly resolvers = new WeakMap<Type, WeakMap<Type, Resolver | null>>();

  encode(contract: EventContract, payload: unknown): Buffer {
    const type = this.typeOf(contract);
    const problems: string[] = [];
    const valid = type.isValid(payload, {
      errorHook: (path, value) => problems.push(`${path.join('.') || '(root)'}: got ${describe(value)}`),
    });
    if (!valid) throw new ContractViolationError(contract.topic, problems);
    return type.toBuffer(payload);
  }

  decode<P>(contract: EventContract<P>, bytes: Buffer): P {
    const type = this.typeOf(contract);
    return decodeExactly(contract, bytes, () => type.decode(bytes, 0));
  }

  /**
   * Decodes a body written with another schema (a schema registry's writer schema) as the
   * contract's schema: fields the writer added are skipped, fields it lacks take the contract's
   * defaults. A writer the contract cannot read is EVENT.INCOMPATIBLE_SCHEMA. One resolver per
   * (contract, writer), so the writer Type must be the same object each time (a registry cache).
   */
  decodeWritten<P>(contract: EventContract<P>, writer: Type, bytes: Buffer, writerName: string): P {
    const reader = this.typeOf(contract);
    const resolver = this.resolverOf(contract, reader, writer, writerName);
    return decodeExactly(contract, bytes, () => reader.decode(bytes, 0, resolver));
  }

  private resolverOf(contract: EventContract, reader: Type, writer: Type, writerName: string): Resolver | undefined {
    let byWriter = this.resolvers.get(reader);
    if (!byWriter) this.resolvers.set(reader, (byWriter = new WeakMap()));
    if (byWriter.has(writer)) return byWriter.get(writer) ?? undefined;
    let resolver: Resolver | null = null;
    if (!reader.equals(writer)) {
      try {
        resolver = reader.createResolver(writer);
      } catch (error) {
        throw new UndeliverableEventError(
          'EVENT.INCOMPATIBLE_SCHEMA',
          `${contract.topic}: a body written with ${writerName} cannot be read as ${contract.type} v${contract.version} (${contract.schemaPath}): ${messageOf(error)}`,
        );
      }
    }
    byWriter.set(writer, resolver);
    return resolver ?? undefined;
  }

  private typeOf(contract: EventContract): Type {
    let type = this.types.get(contract);
    if (!type) {
      type = Type.forSchema(contract.schema as Parameters<typeof Type.forSchema>[0], { wrapUnions: false });
      this.types.set(contract, type);
    }
    return type;
  }
}

/** decodes with exact length checks: a truncated or padded body is not silently accepted */
function decodeExactly<P>(
  contract: EventContract<P>,
  bytes: Buffer,
  read: () => { value: unknown; offset: number },
): P {
  try {
    const result = read();
    if (result.offset !== bytes.length) {
      throw new Error(result.offset < 0 ? 'truncated Avro body' : `${bytes.length - result.offset} trailing bytes`);
    }
    return result.value as P;
  } catch (error) {
    throw new UndeliverableEventError(
      'EVENT.UNDECODABLE',
      `${contract.topic}: cannot decode Avro body: ${messageOf(error)}`,
    );
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  const text = JSON.stringify(value);
  return text && text.length > 60 ? `${text.slice(0, 57)}...` : String(text);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
