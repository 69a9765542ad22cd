import type { DeadLetterDetails } from '../dead-letter';
import type { DeadLetterPage, RedriveResult } from '../dead-letter-admin';
import type { AdminApiClient } from './platform-http';

/** where the admin API is mounted: the controller's route, and what the client calls */
export const DEAD_LETTERS_ROUTE = 'admin/dead-letters';

/** A letter by its name: the context whose table holds it, and its id there. */
export interface LetterRef {
  readonly context: string;
  readonly id: string;
}

/**
 * The operations as a client reaches them over the admin API (the CLI, against a running
 * platform or one it hosts for the command). Filters go as given: the API validates them, so a
 * client answers exactly what the API answers.
 */
export class DeadLettersApiClient {
  private readonly base = `/${DEAD_LETTERS_ROUTE}`;

  constructor(private readonly api: AdminApiClient) {}

  list(filters: Readonly<Record<string, string>>): Promise<DeadLetterPage> {
    return this.api.get<DeadLetterPage>(this.base, filters);
  }

  show(ref: LetterRef): Promise<DeadLetterDetails> {
    return this.api.get<DeadLetterDetails>(this.pathOf(ref));
  }

  redrive(ref: LetterRef): Promise<RedriveResult> {
    return this.api.post<RedriveResult>(`${this.pathOf(ref)}/redrive`);
  }

  /** the batch re-drive: filters and limit as the API's JSON body */
  async redriveMatching(body: Readonly<Record<string, unknown>>): Promise<RedriveResult[]> {
    return (await this.api.post<{ results: RedriveResult[] }>(`${this.base}/redrive`, body)).results;
  }

  discard(ref: LetterRef, reason: string | undefined): Promise<DeadLetterDetails> {
    return this.api.post<DeadLetterDetails>(`${this.pathOf(ref)}/discard`, { reason });
  }

  private pathOf(ref: LetterRef): string {
    return `${this.base}/${ref.context}/${ref.id}`;
  }
}
