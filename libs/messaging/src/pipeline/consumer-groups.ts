import type { TransactionRunner } from '@platform/database';
import type { DeadLetterStore } from '@platform/dead-letters';
import type { Subscription } from './subscription';
import type { ConsumerTransactions } from './consumer-transactions';

/** Where a consumer group (one per context) keeps its inbox and dead letters, and runs its transactions. */
export interface ConsumerGroupBinding {
  readonly group: string;
  readonly schema: string;
  readonly transactions: TransactionRunner;
  /** where the pipeline runs each record's inbox row and handler: in sets, or one per record */
  readonly recordTransactions: ConsumerTransactions;
  readonly deadLetters: DeadLetterStore;
}

/**
 * Every context registers its group here at start; the transport looks the group of each
 * handler up when it starts consuming, and records the subscription, so a dead letter can be
 * re-driven through the very handler that failed it. One registry per process.
 */
export class ConsumerGroups {
  private readonly bindings = new Map<string, ConsumerGroupBinding>();
  private readonly subscriptions = new Map<string, Subscription>();

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

  /** called by a transport for each handler it consumes for; fails on a group no context registered */
  subscribe(subscription: Subscription): void {
    this.get(subscription.group);
    this.subscriptions.set(`${subscription.group}\u0000${subscription.topic}`, subscription);
  }

  /** the handler a group runs for a topic in this process, if a transport subscribed it */
  subscription(group: string, topic: string): Subscription | undefined {
    return this.subscriptions.get(`${group}\u0000${topic}`);
  }
}
