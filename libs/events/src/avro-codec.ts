import { Type } from 'avsc';
import type { EventContract } from './event-contract';
import { ContractViolationError, UndeliverableEventError } from './event-errors';

/**
 * Avro (de)serialisation of payloads, used by every transport, the in-process one included,
 * so a contract bug shows up on a laptop and not first in production.
 * Types are compiled once per contract and cached.
 */
export class AvroCodec {
  private readonly types = new WeakMap<EventContract, Type>();

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
    try {
      // decode with exact length checks: a truncated or padded body is not silently accepted
      const result = this.typeOf(contract).decode(bytes, 0);
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

  private typeOf(contract: EventContract): Type {
    let type = this.types.get(contract);
    if (!type) {
      type = Type.forSchema(contract.schema as Parameters<typeof Type.forSchema>[0], { wrapUnions: false });
      this.types.set(contract, type);
    }
    return type;
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
