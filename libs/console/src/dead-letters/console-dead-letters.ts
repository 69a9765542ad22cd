import { Inject, Injectable } from '@nestjs/common';
import {
  DeadLetterAdmin,
  DeadLetterConsumers,
  DeadLetterRefusal,
  answeringRefusals,
  type DeadLetterDetails,
} from '@platform/dead-letters';
import type { EventEnvelope, RecordDecoder } from '@platform/events';
import { AdminApiClient, ApiError, ProblemException, UnreachableApi } from '@platform/http';
import { RECORD_DECODER } from '@platform/messaging';
import { ConsolePeers } from '../console-peers';

/** a peer that did not answer, shown as such beside the parts that did */
export interface UnreachablePeer {
  readonly peer: string;
  readonly error: string;
}

const UNKNOWN_CONTEXT = 'DEAD_LETTER.UNKNOWN_CONTEXT';

/**
 * The dead letters of the whole deployment, for the console. Each process's dead-letter API
 * answers for its own contexts only (libs/dead-letters), so this asks this process in-process and
 * each peer (CONSOLE_PEERS) over that same API: a question about many letters goes to every
 * process, an operation on one letter to the process that runs its context. A process that does
 * not run a context answers DEAD_LETTER.UNKNOWN_CONTEXT, which here means "not mine", not an error.
 */
@Injectable()
export class ConsoleDeadLetters {
  readonly local: DeadLetterAdmin;

  constructor(
    consumers: DeadLetterConsumers,
    private readonly peers: ConsolePeers,
    @Inject(RECORD_DECODER) private readonly decoder: RecordDecoder,
  ) {
    this.local = new DeadLetterAdmin(consumers);
  }

  /**
   * The letter's event as its consumer would have seen it, decoded here with this process's
   * decoder (every deployable knows the whole catalogue, and the registry when there is one), or
   * why it cannot be: an undecodable record is often the very reason it was dead-lettered.
   */
  async decode(letter: DeadLetterDetails): Promise<{ decoded: EventEnvelope | null; decodeError: string | null }> {
    try {
      const decoded = await this.decoder.decode({
        topic: letter.topic,
        key: letter.key ?? '',
        headers: letter.headers,
        value: Buffer.from(letter.valueBase64, 'base64'),
      });
      return { decoded, decodeError: null };
    } catch (error) {
      return { decoded: null, decodeError: (error as Error).message };
    }
  }

  /** the work done here and on every peer that runs `context` (every one when none is named) */
  async everywhere<T>(
    context: string | undefined,
    here: (admin: DeadLetterAdmin) => Promise<T>,
    there: (api: AdminApiClient) => Promise<T>,
  ): Promise<{ parts: T[]; unreachable: UnreachablePeer[] }> {
    const runsHere = context === undefined || this.local.contexts().includes(context);
    const answers = await Promise.all([
      runsHere ? answeringRefusals(() => here(this.local)).then((part) => ({ part })) : { notMine: true as const },
      ...this.peers.urls.map((peer) => this.onPeer(peer, there)),
    ]);
    const parts = answers.flatMap((a) => ('part' in a ? [a.part] : []));
    const unreachable = answers.flatMap((a) => ('unreachable' in a ? [a.unreachable] : []));
    if (context !== undefined && parts.length === 0 && unreachable.length === 0) throw this.nowhere(context);
    return { parts, unreachable };
  }

  /** the work done by the one process that runs `context` */
  async onOwner<T>(
    context: string,
    here: (admin: DeadLetterAdmin) => Promise<T>,
    there: (api: AdminApiClient) => Promise<T>,
  ): Promise<T> {
    if (this.local.contexts().includes(context)) return answeringRefusals(() => here(this.local));
    const unreachable: UnreachablePeer[] = [];
    for (const peer of this.peers.urls) {
      const answer = await this.onPeer(peer, there);
      if ('part' in answer) return answer.part;
      if ('unreachable' in answer) unreachable.push(answer.unreachable);
    }
    if (unreachable.length) {
      throw new ProblemException({
        status: 502,
        code: 'CONSOLE.PEER_UNREACHABLE',
        detail:
          `context "${context}" does not run here and the peers that may run it did not answer: ` +
          unreachable.map((u) => `${u.peer} (${u.error})`).join('; '),
      });
    }
    throw this.nowhere(context);
  }

  private async onPeer<T>(
    peer: string,
    there: (api: AdminApiClient) => Promise<T>,
  ): Promise<{ part: T } | { notMine: true } | { unreachable: UnreachablePeer }> {
    try {
      return { part: await there(this.peers.client(peer)) };
    } catch (error) {
      if (error instanceof ApiError && error.problem?.code === UNKNOWN_CONTEXT) return { notMine: true };
      // the peer's refusal is the answer (409 not pending, 400 bad filter): passed on as it gave it
      if (error instanceof ApiError && error.status < 500) {
        throw new ProblemException({
          status: error.status,
          code: error.problem?.code,
          detail: `${peer}: ${error.problem?.detail ?? error.message}`,
          errors: error.problem?.errors as never,
        });
      }
      if (error instanceof ApiError || error instanceof UnreachableApi) {
        return { unreachable: { peer, error: error.message } };
      }
      throw error;
    }
  }

  private nowhere(context: string): ProblemException {
    const refusal = new DeadLetterRefusal(
      'not_found',
      UNKNOWN_CONTEXT,
      `context "${context}" runs in no process this console reaches; this one runs: ${this.local.contexts().join(', ')}` +
        (this.peers.urls.length ? `; peers asked: ${this.peers.urls.join(', ')}` : ''),
    );
    return new ProblemException({ status: 404, code: refusal.code, detail: refusal.message });
  }
}
