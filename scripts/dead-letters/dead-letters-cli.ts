import type { Environment } from '@platform/config';
import { DeadLettersApiClient, type LetterRef } from '@platform/dead-letters';
import {
  AdminApiClient,
  ApiError,
  busyMessage,
  operationsTarget,
  readAdminToken,
  UnreachableApi,
} from '@platform/http';
import { CONTEXTS } from '../invariants/invariant';
import { parseCliArgs, UsageError, USAGE, type CliArgs } from './cli-args';
import { renderLetter, renderPage, renderRedrives } from './render-letters';

export interface CliIo {
  readonly env: Environment;
  out(text: string): void;
  err(text: string): void;
}

/**
 * `npm run dead-letters -- ...`: the dead-letter admin API from a terminal. Returns the exit
 * status: 0 done, 1 the API refused (4xx) or failed (5xx), or a re-drive failed again,
 * 2 wrong usage or the API unreachable.
 */
export async function runDeadLettersCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, io.env);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  try {
    return await withApi(args, io.env, (api) => execute(args, new DeadLettersApiClient(api), io));
  } catch (error) {
    if (error instanceof ApiError) {
      io.err(error.message);
      return 1;
    }
    if (error instanceof UnreachableApi || error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}

/** where the admin API is: as given, else found from the embedded data folder's lock (ADR 0018) */
async function withApi<T>(args: CliArgs, env: Environment, work: (api: AdminApiClient) => Promise<T>): Promise<T> {
  if (args.url) return work(new AdminApiClient(args.url, args.token));
  const target = await operationsTarget(CONTEXTS, env);
  switch (target.kind) {
    case 'running':
      return work(new AdminApiClient(target.url, args.token ?? readAdminToken(env)));
    case 'busy':
      throw new UnreachableApi(busyMessage(target.owner));
    case 'stopped': {
      // loaded only here: it boots the whole platform (without its consumers) in this process
      const { withOfflinePlatform } = await import('./offline-platform');
      return withOfflinePlatform(env, (url, token) => work(new AdminApiClient(url, token)));
    }
    case 'server':
      return work(new AdminApiClient('http://localhost:3000', args.token));
  }
}

async function execute(args: CliArgs, letters: DeadLettersApiClient, io: CliIo): Promise<number> {
  const print = (value: unknown, asText: () => string): void =>
    io.out(args.json ? JSON.stringify(value, null, 2) : asText());
  // parseCliArgs already refuses show and discard without one
  const ref = (): LetterRef => {
    if (!args.ref) throw new UsageError(`${args.command} needs <context>/<id>`);
    return args.ref;
  };
  switch (args.command) {
    case 'list': {
      const page = await letters.list(args.filters);
      print(page, () => renderPage(page));
      return 0;
    }
    case 'show': {
      const letter = await letters.show(ref());
      print(letter, () => renderLetter(letter));
      return 0;
    }
    case 'redrive': {
      const results = args.ref
        ? [await letters.redrive(args.ref)]
        : await letters.redriveMatching(redriveBody(args.filters));
      print(results, () => renderRedrives(results));
      return results.some((r) => r.outcome === 'dead_lettered') ? 1 : 0;
    }
    case 'discard': {
      const letter = await letters.discard(ref(), args.reason);
      print(letter, () => `discarded ${letter.context}/${letter.id}: ${letter.resolution ?? ''}`);
      return 0;
    }
    case 'help':
      return 0;
    default: {
      const unreachable: never = args.command;
      throw new UsageError(`unknown command ${String(unreachable)}`);
    }
  }
}

/** the batch re-drive takes its filters as a JSON body: limit as a number, and no status or cursor */
function redriveBody(filters: Readonly<Record<string, string>>): Record<string, unknown> {
  const { status, cursor, limit, ...rest } = filters;
  if (status !== undefined || cursor !== undefined) throw new UsageError('redrive takes no --status or --cursor');
  if (limit !== undefined && !/^\d+$/.test(limit)) throw new UsageError(`--limit must be a whole number, got ${limit}`);
  return limit === undefined ? rest : { ...rest, limit: Number(limit) };
}
