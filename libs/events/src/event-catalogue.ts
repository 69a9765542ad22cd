import type { EventContract } from './event-contract';
import { UndeliverableEventError } from './event-errors';

/**
 * Looks contracts up by topic or by type+version. The platform's catalogue holds the generated
 * contracts (`ALL_EVENT_CONTRACTS`); tests may build one of their own.
 */
export class EventCatalogue {
  private readonly byTopic = new Map<string, EventContract>();

  constructor(contracts: readonly EventContract[]) {
    for (const contract of contracts) {
      if (this.byTopic.has(contract.topic)) throw new Error(`duplicate contract for topic ${contract.topic}`);
      this.byTopic.set(contract.topic, contract);
    }
  }

  all(): readonly EventContract[] {
    return [...this.byTopic.values()];
  }

  /** the contract of `topic`, or undefined when it is not a catalogue topic (a dead-letter topic, say) */
  find(topic: string): EventContract | undefined {
    return this.byTopic.get(topic);
  }

  forTopic(topic: string): EventContract {
    const contract = this.byTopic.get(topic);
    if (!contract) throw new UndeliverableEventError('EVENT.UNKNOWN_TOPIC', `no event contract for topic "${topic}"`);
    return contract;
  }

  forType(type: string, version: number): EventContract {
    return this.forTopic(`${type}.v${version}`);
  }

  domains(): readonly string[] {
    return [...new Set(this.all().map((c) => c.domain))].sort();
  }
}
