import type { TransactionRunner } from '@platform/database';
import type { DeadLetterStore } from './dead-letter-store';

/** Where a consumer group (one per context) keeps its inbox and dead letters, and runs its transactions. */
export interface ConsumerGroupBinding {
  readonly group: string;
  readonly schema: string;
  readonly transactions: TransactionRunner;
  readonly deadLetters: DeadLetterStore;
}

/**
 * Every context registers its group here at start; the transport looks the group of each
 * handler up when it starts consuming. One registry per process.
 */
export class ConsumerGroups {
  private readonly bindings = new Map<string, ConsumerGroupBinding>();

  register(binding: ConsumerGroupBinding): void {
    if (this.bindings.has(binding.group)) throw new Error(`consumer group "${binding.group}" registered twice`);
    this.bindings.set(binding.group, binding);
  }

  get(group: string): ConsumerGroupBinding {
    const binding = this.bindings.get(group);
    if (!binding) throw new Error(`no context registered consumer group "${group}"; import its context module`);
    return binding;
  }

  all(): ConsumerGroupBinding[] {
    return [...this.bindings.values()];
  }
}
