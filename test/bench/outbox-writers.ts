import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { newCorrelationId } from '@platform/events';
import { event, type NewEvent } from '@platform/outbox';
import { TestEventV1Contract } from '@platform/testing';
import type { BenchStack } from './bench-stack';

/**
 * The business side of the benchmark: transactions that append TestEventV1 events to the outbox,
 * spread over `keys` entities (so over every lane and partition), each entity with its own seq.
 */
export class EventSource {
  private readonly seqs: number[];
  private next = 0;
  private readonly note: string;

  constructor(
    private readonly keys: number,
    noteBytes: number,
  ) {
    this.seqs = new Array<number>(keys).fill(0);
    this.note = 'x'.repeat(noteBytes);
  }

  events(count: number): NewEvent[] {
    return Array.from({ length: count }, () => {
      const entity = this.next++ % this.keys;
      const seq = ++this.seqs[entity];
      return event(TestEventV1Contract, { entityId: `entity-${entity}`, seq, note: this.note });
    });
  }
}

/** Fills the outbox with `total` events, `perTx` per transaction, from `writers` concurrent writers. */
export async function prefill(
  stack: BenchStack,
  source: EventSource,
  options: { total: number; perTx: number; writers: number },
): Promise<{ ms: number; transactions: number }> {
  let remaining = options.total;
  let transactions = 0;
  const started = performance.now();
  const writer = async (): Promise<void> => {
    while (remaining > 0) {
      const n = Math.min(options.perTx, remaining);
      remaining -= n;
      await stack.transactions.run((tx) =>
        stack.writer.append(tx, { correlationId: newCorrelationId() }, source.events(n)),
      );
      transactions += 1;
    }
  };
  await Promise.all(Array.from({ length: options.writers }, writer));
  return { ms: performance.now() - started, transactions };
}

export interface PacedRun {
  /** performance.now() when each event's transaction had committed, by eventId */
  readonly committedAt: Map<string, number>;
  /** duration of each writer transaction (ms) */
  readonly commitMs: number[];
  readonly ms: number;
}

/**
 * Single-event transactions at a steady total `rate` for `seconds`, from `writers` writers that
 * take turns on a fixed schedule (open loop: a late writer catches up instead of lowering the rate).
 */
export async function writeAtRate(
  stack: BenchStack,
  source: EventSource,
  options: { rate: number; seconds: number; writers: number },
): Promise<PacedRun> {
  const committedAt = new Map<string, number>();
  const commitMs: number[] = [];
  const started = performance.now();
  const end = started + options.seconds * 1000;
  const writer = async (index: number): Promise<void> => {
    for (let k = 0; ; k += 1) {
      const due = started + ((k * options.writers + index) / options.rate) * 1000;
      if (due >= end) return;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const begun = performance.now();
      const [envelope] = await stack.transactions.run((tx) =>
        stack.writer.append(tx, { correlationId: newCorrelationId() }, source.events(1)),
      );
      const now = performance.now();
      committedAt.set(envelope.eventId, now);
      commitMs.push(now - begun);
    }
  };
  await Promise.all(Array.from({ length: options.writers }, (_, i) => writer(i)));
  return { committedAt, commitMs, ms: performance.now() - started };
}
