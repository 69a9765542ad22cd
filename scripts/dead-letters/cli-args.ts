import type { Environment } from '@platform/config';
import { parseArgs } from 'node:util';
import type { LetterRef } from '@platform/dead-letters';

export const USAGE = `npm run dead-letters -- <command> [options]

commands:
  list                      dead letters, newest first
  show <context>/<id>       one letter: the record (key, headers, value) and the failure
  redrive <context>/<id>    re-drive one pending letter back to its consumer group
  redrive --all | filters   re-drive the matching pending letters, oldest first (--limit, default 100)
  discard <context>/<id> --reason "why"
                            discard one pending letter; the reason is kept

filters (list, redrive):
  --context <name>  --group <name>  --topic <topic>  --error-code <code>
  --from <ISO time> --to <ISO time>                   last failure in [from, to)
  --status pending|resolved|redriven|discarded        (list only)
  --limit <n>       --cursor <nextCursor>             (list: one page; --cursor from the last one)

connection:
  --url <base URL>     or DEAD_LETTERS_URL. Without either: on the embedded database, the running
                       platform that owns it, or, when none runs, the platform's admin API hosted
                       by this command for its duration (no consumer runs); on a database server,
                       http://localhost:3000
  --token <token>      or ADMIN_TOKEN, else the embedded data folder's token file
  --json               print the API's JSON instead of a table

exit status: 0 done; 1 the API refused or failed, or a re-drive failed again; 2 wrong usage or the API unreachable`;

export interface CliArgs {
  readonly command: 'list' | 'show' | 'redrive' | 'discard' | 'help';
  readonly ref?: LetterRef;
  readonly filters: Readonly<Record<string, string>>;
  readonly all: boolean;
  readonly reason?: string;
  /** the API's base URL when given; else the CLI finds the platform (operationsTarget) */
  readonly url?: string;
  readonly token?: string;
  readonly json: boolean;
}

/** the filter flags and the API's query/body field each becomes */
const FILTER_FLAGS = {
  context: 'context',
  group: 'group',
  topic: 'topic',
  'error-code': 'errorCode',
  from: 'from',
  to: 'to',
  status: 'status',
  limit: 'limit',
  cursor: 'cursor',
} as const;

export class UsageError extends Error {}

export function parseCliArgs(argv: readonly string[], env: Environment): CliArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ...Object.fromEntries(Object.keys(FILTER_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      all: { type: 'boolean' },
      reason: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }) as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  const [command = 'help', refText, ...rest] = positionals;
  if (values.help || command === 'help') return base('help', values, env);
  if (!['list', 'show', 'redrive', 'discard'].includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  const filters: Record<string, string> = {};
  for (const [flag, field] of Object.entries(FILTER_FLAGS)) {
    const value = values[flag];
    if (typeof value === 'string') filters[field] = value;
  }
  const args = {
    ...base(command as CliArgs['command'], values, env),
    filters,
    ref: refText ? parseRef(refText) : undefined,
  };
  if ((command === 'show' || command === 'discard') && !args.ref)
    throw new UsageError(`${command} needs <context>/<id>`);
  if (command === 'list' && args.ref) throw new UsageError('list takes filters, not a letter');
  if (command === 'discard' && !args.reason?.trim()) throw new UsageError('discard needs --reason "why"');
  if (command === 'redrive' && !args.ref && !args.all && Object.keys(filters).length === 0) {
    throw new UsageError('redrive needs <context>/<id>, filters, or --all for every pending letter');
  }
  if (command === 'redrive' && args.ref && Object.keys(filters).length > 0) {
    throw new UsageError('redrive takes either <context>/<id> or filters, not both');
  }
  return args;
}

function base(command: CliArgs['command'], values: Record<string, unknown>, env: Environment): CliArgs {
  return {
    command,
    filters: {},
    all: values.all === true,
    reason: typeof values.reason === 'string' ? values.reason : undefined,
    url: urlOf(values.url ?? env.DEAD_LETTERS_URL),
    token: (typeof values.token === 'string' ? values.token : env.ADMIN_TOKEN)?.trim() || undefined,
    json: values.json === true,
  };
}

function urlOf(given: unknown): string | undefined {
  return typeof given === 'string' && given.trim() ? given.trim().replace(/\/+$/, '') : undefined;
}

function parseRef(text: string): LetterRef {
  const match = /^([a-z][a-z0-9_]*)\/([1-9][0-9]*)$/.exec(text);
  if (!match) throw new UsageError(`"${text}" is not a letter: write <context>/<id>, e.g. payments/42`);
  return { context: match[1], id: match[2] };
}
