import { Logger } from '@nestjs/common';
import {
  DeadLetterRefusal,
  type DeadLetterDetails,
  type DeadLetterFilter,
  type DeadLetterSummary,
} from './dead-letter';
import {
  compareNewestFirst,
  decodeDeadLetterCursor,
  encodeDeadLetterCursor,
  type DeadLetterCursor,
} from './dead-letter-cursor';
import type { DeadLetterConsumers, RedriveOutcome } from './dead-letter-consumers';
import type { FailedRecord } from './dead-letter-store';
import { DeadLetterTable } from './dead-letter-table';

export interface DeadLetterPage {
  readonly items: DeadLetterSummary[];
  readonly nextCursor: string | null;
}

export interface RedriveResult {
  readonly context: string;
  readonly id: string;
  /** handled: the handler succeeded; duplicate: the inbox had it already; dead_lettered: it failed again */
  readonly outcome: RedriveOutcome;
  readonly status: 'resolved' | 'redriven';
  /** the new letter that records the new failure, when it failed again */
  readonly newDeadLetterId: string | null;
}

/**
 * Operating the dead letters of every consumer group this process hosts: list across contexts,
 * show one, re-drive back through the same pipeline and handler (so the inbox still dedupes and
 * a new failure is recorded as a new letter), discard with a reason. Transport-agnostic: the
 * re-drive goes through DeadLetterConsumers, which runs the stored record where the group runs.
 */
export class DeadLetterAdmin {
  private readonly logger = new Logger(DeadLetterAdmin.name);

  constructor(private readonly consumers: DeadLetterConsumers) {}

  contexts(): string[] {
    return [...new Set(this.consumers.contexts().map((c) => c.context))].sort();
  }

  async list(filter: DeadLetterFilter, limit: number, cursor?: string): Promise<DeadLetterPage> {
    const after = cursor === undefined ? undefined : decodeDeadLetterCursor(cursor);
    const pages = await Promise.all(
      this.tablesFor(filter.context).map((table) => table.list(filter, limit + 1, after)),
    );
    const merged = pages.flat().sort((a, b) => compareNewestFirst(a.position, b.position));
    const page = merged.slice(0, limit);
    const last: DeadLetterCursor | undefined = page[page.length - 1]?.position;
    return {
      items: page.map((entry) => entry.letter),
      nextCursor: merged.length > limit && last ? encodeDeadLetterCursor(last) : null,
    };
  }

  async show(context: string, id: string): Promise<DeadLetterDetails> {
    const letter = await this.table(context).get(id);
    if (!letter) throw new DeadLetterRefusal('not_found', 'DEAD_LETTER.NOT_FOUND', `no dead letter ${context}/${id}`);
    return letter;
  }

  async redrive(context: string, id: string): Promise<RedriveResult> {
    const table = this.table(context);
    const letter = await this.show(context, id);
    assertPending(letter, 're-driven');
    const record: FailedRecord = {
      topic: letter.topic,
      key: letter.key ?? '',
      headers: letter.headers,
      value: Buffer.from(letter.valueBase64, 'base64'),
      partition: letter.partition ?? -1,
      offset: letter.offset ?? '-1',
      redriveOf: id,
    };
    const outcome = await this.consumers.redrive(letter.group, record);
    if (!outcome) {
      throw new DeadLetterRefusal(
        'conflict',
        'DEAD_LETTER.NO_SUBSCRIPTION',
        `consumer group ${letter.group} has no handler for ${letter.topic} in this process`,
      );
    }
    const newDeadLetterId = outcome === 'dead_lettered' ? ((await table.redriveOf(id)) ?? null) : null;
    const status = outcome === 'dead_lettered' ? 'redriven' : 'resolved';
    const resolution =
      outcome === 'handled'
        ? 're-driven: handled'
        : outcome === 'duplicate'
          ? 're-driven: already handled (inbox)'
          : `re-driven: failed again, see dead letter ${context}/${newDeadLetterId ?? '?'}`;
    // a concurrent re-drive of the same letter may have settled it first; the inbox kept it at once
    await table.settle(id, status, resolution);
    this.logger.log(`dead letter ${context}/${id} re-driven for ${letter.group}: ${outcome}`);
    return { context, id, outcome, status, newDeadLetterId };
  }

  /** re-drives the matching pending letters, oldest first, one at a time; at most `limit` */
  async redriveMatching(filter: Omit<DeadLetterFilter, 'status'>, limit: number): Promise<RedriveResult[]> {
    const results: RedriveResult[] = [];
    for (const table of this.tablesFor(filter.context)) {
      for (const id of await table.pendingIds(filter, limit - results.length)) {
        try {
          results.push(await this.redrive(table.context, id));
        } catch (error) {
          // settled by someone else meanwhile: not this batch's to re-drive any more
          if (!(error instanceof DeadLetterRefusal)) throw error;
        }
      }
      if (results.length >= limit) break;
    }
    return results;
  }

  /** how many letters match, across the contexts the filter names (or all of this process's) */
  async count(filter: DeadLetterFilter): Promise<number> {
    const counts = await Promise.all(this.tablesFor(filter.context).map((table) => table.count(filter)));
    return counts.reduce((sum, n) => sum + n, 0);
  }

  /** discards the matching pending letters, oldest first, with one reason; at most `limit` */
  async discardMatching(
    filter: Omit<DeadLetterFilter, 'status'>,
    reason: string,
    limit: number,
  ): Promise<Array<{ context: string; id: string }>> {
    const discarded: Array<{ context: string; id: string }> = [];
    for (const table of this.tablesFor(filter.context)) {
      for (const id of await table.pendingIds(filter, limit - discarded.length)) {
        // one settled by someone else meanwhile is not this batch's to discard any more
        if (await table.settle(id, 'discarded', reason)) discarded.push({ context: table.context, id });
      }
      if (discarded.length >= limit) break;
    }
    if (discarded.length) this.logger.warn(`${discarded.length} dead letter(s) discarded: ${reason}`);
    return discarded;
  }

  async discard(context: string, id: string, reason: string): Promise<DeadLetterDetails> {
    const table = this.table(context);
    assertPending(await this.show(context, id), 'discarded');
    if (!(await table.settle(id, 'discarded', reason))) {
      assertPending(await this.show(context, id), 'discarded');
    }
    this.logger.warn(`dead letter ${context}/${id} discarded: ${reason}`);
    return this.show(context, id);
  }

  private tablesFor(context?: string): DeadLetterTable[] {
    return context === undefined ? this.contexts().map((name) => this.table(name)) : [this.table(context)];
  }

  private table(context: string): DeadLetterTable {
    const hosted = this.consumers.contexts().find((candidate) => candidate.context === context);
    if (!hosted) {
      throw new DeadLetterRefusal(
        'not_found',
        'DEAD_LETTER.UNKNOWN_CONTEXT',
        `context "${context}" does not run in this process; it runs: ${this.contexts().join(', ') || 'none'}`,
      );
    }
    return new DeadLetterTable(hosted.dataSource, hosted.context);
  }
}

function assertPending(letter: DeadLetterDetails, action: string): void {
  if (letter.status !== 'pending') {
    throw new DeadLetterRefusal(
      'conflict',
      'DEAD_LETTER.NOT_PENDING',
      `dead letter ${letter.context}/${letter.id} is ${letter.status}, only a pending one can be ${action}`,
    );
  }
}
