/** `npm run analytics:rebuild [-- --from 2026-11-01T00:00:00Z]` */
export interface RebuildArgs {
  /** replay only what was produced at or after this instant; default: everything retained */
  readonly from?: Date;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseRebuildArgs(argv: readonly string[]): RebuildArgs {
  let from: Date | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg !== '--from' && !arg.startsWith('--from='))
      throw new Error(`unknown argument ${arg}; usage: analytics:rebuild [--from ISO-8601]`);
    const value = arg === '--from' ? (argv[++i] ?? '') : arg.slice('--from='.length);
    // an instant with its zone, so the same command means the same moment on every machine
    if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value)))
      throw new Error(`--from needs an ISO-8601 instant with a zone (2026-11-01T00:00:00Z), not ${value}`);
    from = new Date(value);
  }
  return { from };
}
