/** Exit codes of `npm run migrate`, the same for every command, so a deploy script can trust them. */
export const EXIT = {
  /** done (or, with --dry-run, the plan printed) */
  done: 0,
  /** refused (the platform still runs, the log was handed over already) or a verification failed */
  refused: 1,
  /** wrong usage, or the command cannot run here (no database server, brokers unreachable) */
  cannotRun: 2,
} as const;

/** a refusal: exit 1 with its message */
export class Refusal extends Error {
  readonly exitCode = EXIT.refused;
}

/** cannot run with these settings: exit 2 with its message */
export class CannotRun extends Error {
  readonly exitCode = EXIT.cannotRun;
}

export function exitCodeOf(error: unknown): number {
  return error instanceof Refusal ? EXIT.refused : EXIT.cannotRun;
}
