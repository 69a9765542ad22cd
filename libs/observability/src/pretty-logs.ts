/** where pino should send log lines: pino-pretty when asked for and installed, else JSON on stdout */
export interface PrettyLogsOptions {
  readonly service: string;
  /** finds a package the way pino's transport will; replaced in tests */
  readonly resolve?: (id: string) => string;
  /** where the one warning goes; replaced in tests */
  readonly warn?: (line: string) => void;
}

/**
 * LOG_PRETTY=true asks for pino-pretty, a dev dependency: the production image (npm ci
 * --omit=dev) does not have it, and pino would fail the start over a log format. Without it the
 * logs stay JSON and one warning, itself a JSON log line, says why.
 */
export function prettyLogTransport(pretty: boolean, options: PrettyLogsOptions): { target: string } | undefined {
  if (!pretty) return undefined;
  const resolve = options.resolve ?? ((id: string) => require.resolve(id));
  try {
    resolve('pino-pretty');
    return { target: 'pino-pretty' };
  } catch {
    const warn = options.warn ?? ((line: string) => process.stdout.write(`${line}\n`));
    warn(
      JSON.stringify({
        level: 40,
        time: Date.now(),
        service: options.service,
        context: 'Logging',
        msg: 'LOG_PRETTY=true but pino-pretty is not installed (a dev dependency): logging JSON instead',
      }),
    );
    return undefined;
  }
}
