import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseTarget } from '@platform/database';
import { createTestDatabase, eventually } from '@platform/testing';
import { runMigrate, type CliRun } from '../../e2e/support/run-cli';
import { cutOverProgress, shadowComparison } from '../../e2e/support/shadow-probes';
import { summarise, type Summary } from '../percentiles';
import type { OrderClient } from '../orders/order-traffic';
import type { PlatformDb } from '../orders/platform-db';
import type { PlatformProcess } from '../orders/platform-process';
import { contextEffects, type ContextEffects } from './cut-over-effects';
import { parseCutOverOutput, type CutOverOutput } from './cut-over-output';
import type { CutOverConfig } from './kafka-bench-config';
import { steadyLoad } from './steady-load';

/**
 * Phase D of the split deployment: docs/deploy.md's cut-over under a steady load, as
 * test/e2e/shadow-run-and-cut-over.e2e-spec.ts does it. `migrate shadow` copies the context into a
 * second scratch database and its shadow runs beside the live one; then the live process stops,
 * the shadow catches up (compare shows no lag) and stops, `migrate cut-over` promotes it, and the
 * context starts without SHADOW on the shadow's database. Each step is timed from the bench's
 * clock; the pause is read from the two inboxes (PostgreSQL's clock; one server, so one clock).
 */
export interface CutOverResult {
  readonly config: CutOverConfig;
  /** `migrate shadow` (wall, s) and the shadow process's spawn -> ready (s) */
  readonly shadowCopySeconds: number;
  readonly shadowStartSeconds: number;
  /** epoch ms: SIGTERM to the live process; the new deployment answered /health/ready */
  readonly stopAt: number;
  readonly readyAt: number;
  /** the steps of the cut-over in order (ms): each from the end of the one before */
  readonly steps: {
    readonly liveExit: number;
    readonly catchUp: number;
    readonly shadowExit: number;
    /** the `migrate cut-over` process, spawn to exit */
    readonly command: number;
    /** the new deployment, spawn to ready */
    readonly start: number;
  };
  /** what the command printed about itself: its own "took" and its group joins */
  readonly output: CutOverOutput;
  /** epoch ms by PostgreSQL's clock: the live's last processed record, the new deployment's first */
  readonly lastLive?: number;
  readonly firstPromoted?: number;
  /** place -> CONFIRMED of the orders placed in the `seconds` before the stop, and from the stop to ready */
  readonly before?: Summary;
  readonly during?: Summary;
  readonly effects: ContextEffects;
  readonly placed: number;
  readonly failures: Map<string, number>;
}

export interface CutOverDeployment {
  readonly db: PlatformDb;
  readonly client: OrderClient;
  readonly liveUrl: string;
  /** the live deployment's Kafka settings: the shadow, the command and the new deployment get them too */
  readonly kafkaEnv: NodeJS.ProcessEnv;
  /** the live process of the context */
  readonly live: PlatformProcess;
  /** starts the context's deployable with these settings on top of the deployment's */
  start(env: NodeJS.ProcessEnv): Promise<PlatformProcess>;
  /** waits until no order is PENDING */
  drain(): Promise<number>;
}

const POLL_MS = 100;
const CATCH_UP_TIMEOUT_MS = 60_000;

export async function runCutOver(config: CutOverConfig, d: CutOverDeployment): Promise<CutOverResult> {
  const { context } = config;
  const variable = `${context.toUpperCase()}_DATABASE_URL`;
  const shadowDb: DatabaseTarget = await createTestDatabase('postgres');
  console.log(`  shadow database ${new URL(shadowDb.url).pathname.slice(1)} (dropped at the end)`);
  const databases = ['--live-database', d.liveUrl, '--shadow-database', shadowDb.url];
  const load = steadyLoad(d.client, config.rate);
  let promoted: PlatformProcess | undefined;
  let shadow: PlatformProcess | undefined;
  try {
    let mark = performance.now();
    succeeded('shadow', await runMigrate(['shadow', context, ...databases], d.kafkaEnv));
    const shadowCopySeconds = (performance.now() - mark) / 1000;
    shadow = await d.start({ SHADOW: 'true', [variable]: shadowDb.url, KAFKA_CLIENT_ID: `bench-${context}-shadow` });
    const shadowStartSeconds = shadow.startSeconds;
    await sleep(config.seconds * 1000);

    const stopAt = Date.now();
    mark = performance.now();
    const lap = (): number => {
      const now = performance.now();
      const ms = now - mark;
      mark = now;
      return ms;
    };
    await d.live.stop();
    const liveExit = lap();
    await caughtUp(context, d.liveUrl, shadowDb.url);
    const catchUp = lap();
    await shadow.stop();
    shadow = undefined;
    const shadowExit = lap();
    const cutOver = succeeded('cut-over', await runMigrate(['cut-over', context, ...databases], d.kafkaEnv));
    const command = lap();
    promoted = await d.start({ [variable]: shadowDb.url, KAFKA_CLIENT_ID: `bench-${context}-promoted` });
    const start = lap();
    const readyAt = Date.now();
    await sleep(config.seconds * 1000);
    await load.stop();
    await d.drain();

    const effects = await contextEffects(context, d.db, shadowDb.url, promoted.baseUrl);
    const { lastLive, firstPromoted } = await cutOverProgress(context, d.liveUrl, shadowDb.url);
    const times = await d.db.timelines(load.placed);
    const placeToConfirm = (from: number, to: number): Summary | undefined =>
      summarise(
        times.flatMap((t) =>
          t.placedAt >= from && t.placedAt < to && t.confirmedAt !== undefined ? [t.confirmedAt - t.placedAt] : [],
        ),
      );
    return {
      config,
      shadowCopySeconds,
      shadowStartSeconds,
      stopAt,
      readyAt,
      steps: { liveExit, catchUp, shadowExit, command, start },
      output: parseCutOverOutput(cutOver.stdout),
      lastLive,
      firstPromoted,
      before: placeToConfirm(stopAt - config.seconds * 1000, stopAt),
      during: placeToConfirm(stopAt, readyAt),
      effects,
      placed: load.placed.length,
      failures: load.failures,
    };
  } finally {
    await load.stop();
    await shadow?.stop().catch((e: Error) => console.error(`stopping the shadow: ${e.message}`));
    await promoted?.stop().catch((e: Error) => console.error(`stopping the new ${context}: ${e.message}`));
    await shadowDb.release().catch((e: Error) => console.error(`cleanup: ${e.message}`));
  }
}

function succeeded(what: string, run: CliRun): CliRun {
  if (run.code !== 0)
    throw new Error(`npm run migrate -- ${what} exited ${run.code}\n${run.stdout}\n${run.stderr}`.trimEnd());
  return run;
}

/** docs/deploy.md's step 2: until compare shows no input the live processed that the shadow has not */
async function caughtUp(context: string, liveUrl: string, shadowUrl: string): Promise<void> {
  await eventually(
    async () => (await shadowComparison(context, liveUrl, shadowUrl)).lagInputs,
    (lag) => lag === 0,
    {
      expected: `the shadow of ${context} to catch up (lag 0 inputs)`,
      timeoutMs: CATCH_UP_TIMEOUT_MS,
      intervalMs: POLL_MS,
    },
  );
}
