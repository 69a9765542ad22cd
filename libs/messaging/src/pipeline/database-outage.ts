import { Logger } from '@nestjs/common';
import type { InfrastructureWaits } from './infrastructure-waits';

export interface OutageBackoff {
  readonly baseDelayMs: number;
  /** the longest pause between two probes: how late, at most, the group resumes after the database is back */
  readonly maxDelayMs: number;
}

/** how a wait after a connection-class failure ended */
export type OutageOutcome =
  /** the database answered at once: the failure was the record's own (a killed session), an ordinary attempt */
  | 'answered'
  /** the database did not answer, and now does again: the failure was an outage, not the record's */
  | 'recovered'
  /** the consumer is stopping */
  | 'aborted';

/**
 * One consumer group's view of its own database. After a connection-class failure (lost,
 * refused, starting up, shutting down, too many connections) the pipeline asks whether the
 * database answers. When it does not, the whole group pauses here: one probe (`SELECT 1`) with
 * capped exponential backoff, for as long as it takes, while every record of the group waits
 * before its next attempt. Nothing counts against the records' attempts, nothing is
 * dead-lettered: an unreachable database is the consumer's to wait out (docs/adr/0017).
 */
export class DatabaseOutage {
  private readonly logger: Logger;
  private outage?: Promise<'answered' | 'recovered' | 'gone'>;
  private waiters = 0;

  constructor(
    private readonly group: string,
    private readonly probe: () => Promise<unknown>,
    private readonly waits: InfrastructureWaits,
    private readonly backoff: OutageBackoff,
  ) {
    this.logger = new Logger(`ConsumerPipeline:${group}`);
  }

  /** true at once unless an outage is being waited out; then once it ended (false: stopping) */
  async passable(signal?: AbortSignal): Promise<boolean> {
    const outage = this.outage;
    if (!outage) return true;
    return (await this.join(outage, signal)) !== 'aborted';
  }

  /** after a connection-class failure: waits until the database answers (see OutageOutcome) */
  waitOut(failure: string, signal?: AbortSignal): Promise<OutageOutcome> {
    this.outage ??= this.probeUntilAnswered(failure).finally(() => (this.outage = undefined));
    return this.join(this.outage, signal);
  }

  private async join(outage: Promise<'answered' | 'recovered' | 'gone'>, signal?: AbortSignal): Promise<OutageOutcome> {
    if (signal?.aborted) return 'aborted';
    this.waiters += 1;
    try {
      const ended = await abortable(outage, signal);
      return ended === 'gone' ? 'aborted' : ended;
    } finally {
      this.waiters -= 1;
    }
  }

  private async probeUntilAnswered(failure: string): Promise<'answered' | 'recovered' | 'gone'> {
    if (await this.answers()) return 'answered';
    this.waits.begin(this.group, 'database', failure);
    this.logger.warn(`the database does not answer (${failure}); the group waits for it, retrying nothing until then`);
    for (let probes = 1; ; probes += 1) {
      await sleep(delayOf(this.backoff, probes));
      // every waiting record gave up (the consumer stops): no one is left to resume
      if (this.waiters === 0) {
        this.waits.end(this.group, 'database');
        return 'gone';
      }
      if (await this.answers()) {
        const waitedMs = this.waits.end(this.group, 'database') ?? 0;
        this.logger.log(`the database answers again after ${waitedMs} ms; the group resumes`);
        return 'recovered';
      }
    }
  }

  private async answers(): Promise<boolean> {
    try {
      await this.probe();
      return true;
    } catch {
      return false;
    }
  }
}

/** capped exponential, with the upper half jittered so groups on one database do not probe in step */
function delayOf(backoff: OutageBackoff, probes: number): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** (probes - 1));
  return Math.floor(ceiling / 2 + (Math.random() * ceiling) / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function abortable<T>(work: Promise<T>, signal?: AbortSignal): Promise<T | 'aborted'> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
