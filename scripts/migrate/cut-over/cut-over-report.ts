import { seconds } from '../move-data/move-report';
import { databaseUrlVariable, maskUrl } from '../move-data/mask-url';

export interface CutOverReport {
  readonly context: string;
  readonly shadowDatabase: string;
  /** the live context's last processed record (its inbox), by the live server's clock */
  readonly lastProcessed?: Date;
  /** from `lastProcessed` to the end of the command */
  readonly pauseMs?: number;
  readonly tookMs: number;
}

/** what `migrate cut-over` prints last: the pause, how to start the new deployment, check it and go back */
export function afterCutOver(r: CutOverReport): string {
  const variable = `${databaseUrlVariable(r.context)}=${maskUrl(r.shadowDatabase)}`;
  const pause =
    r.pauseMs === undefined || !r.lastProcessed
      ? `processing pause: unknown (the live ${r.context} has no processed record in its inbox)`
      : `processing pause so far: ${seconds(r.pauseMs)}, from the live ${r.context}'s last processed record ` +
        `(${r.lastProcessed.toISOString()}) to the end of this command; the new deployment's start adds to it`;
  return [
    `cut-over took ${seconds(r.tookMs)}`,
    pause,
    `next: start ${r.context} without SHADOW on the shadow's database, with the live deployment's TRANSPORT=kafka ` +
      `and KAFKA_* settings (the real password for ***): it consumes as the live group and its relay publishes`,
    `  ${variable} node dist/apps/${r.context}/src/main.js`,
    `check: its /health/ready answers 200, the group's lag falls, and npm run check:invariants with ${databaseUrlVariable(r.context)} set as above holds`,
    `go back, before the new deployment has processed anything: stop it and run this command again with --back ` +
      `(docs/deploy.md#cut-over)`,
    variable,
  ].join('\n');
}
