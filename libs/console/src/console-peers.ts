import { Inject, Injectable } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@platform/config';
import { AdminApiClient, adminToken } from '@platform/http';
import { CONSOLE_SETTINGS } from './console-settings';

/** One other deployable's answer to a console question, or why it gave none. */
export type PeerAnswer<T> =
  { readonly peer: string; readonly answer: T } | { readonly peer: string; readonly error: string };

/**
 * The other deployables of a split deployment (CONSOLE_PEERS). A console view asks its own process
 * in-process and each peer over its admin API, for the peer's own part only (`scope=local`, so no
 * peer asks its peers again), and shows a peer that does not answer as such, never as empty.
 */
@Injectable()
export class ConsolePeers {
  readonly urls: readonly string[];
  private readonly token: string;

  constructor(@Inject(ENVIRONMENT) env: Environment) {
    this.urls = CONSOLE_SETTINGS.read(env)
      .CONSOLE_PEERS.split(',')
      .map((url) => url.trim().replace(/\/+$/, ''))
      .filter(Boolean);
    this.token = adminToken(env);
  }

  /** one peer's admin API, for what is not a question of its own part (an operation on its data) */
  client(peer: string): AdminApiClient {
    return new AdminApiClient(peer, this.token);
  }

  /** GET `path` on every peer at once, with `scope=local` added to `query` */
  ask<T>(path: string, query: Readonly<Record<string, string>> = {}): Promise<Array<PeerAnswer<T>>> {
    return Promise.all(
      this.urls.map(async (peer): Promise<PeerAnswer<T>> => {
        try {
          const answer = await this.client(peer).get<T>(path, { ...query, scope: 'local' });
          return { peer, answer };
        } catch (error) {
          return { peer, error: (error as Error).message };
        }
      }),
    );
  }
}
