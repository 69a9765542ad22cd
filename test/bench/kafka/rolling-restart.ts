import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarise, type Summary } from '../percentiles';
import type { OrderClient } from '../orders/order-traffic';
import type { PlatformDb } from '../orders/platform-db';
import type { PlatformProcess } from '../orders/platform-process';
import { groupProgress, longestGaps, type ProgressGap } from './group-progress';
import type { RollingRestartConfig, RollingSignal } from './kafka-bench-config';
import { startKeepAliveReader } from './keep-alive-reader';
import { steadyLoad } from './steady-load';

/**
 * Phase C of the split deployment, a rolling deploy of one context: a second instance joins the
 * context's consumer group; then, under a steady load, that instance is stopped (the signal),
 * waited for, started again and waited ready, once per configured signal. Measured from outside:
 * the group's progress (its inbox) and place -> CONFIRMED of the orders placed in each window.
 */
export interface RestartResult {
  readonly signal: RollingSignal;
  /** epoch ms: the signal was sent; the new instance answered /health/ready */
  readonly signalAt: number;
  readonly readyAt: number;
  /** signal -> exit (ms), and how it exited */
  readonly stopMs: number;
  readonly exit: string;
  /** exit -> the new instance ready (ms) */
  readonly startMs: number;
  /** the window's longest gaps in the group's progress (signal -> ready + seconds) */
  readonly gaps: ProgressGap[];
  /** the longest gap in the `seconds` before the signal */
  readonly baselineGap?: ProgressGap;
  /** place -> CONFIRMED of the orders placed before the signal, and in the window */
  readonly before?: Summary;
  readonly during?: Summary;
  /** orders placed in the window that were not CONFIRMED when the phase ended */
  readonly unconfirmed: number;
  /** the keep-alive client's requests to the restarting instance, from the baseline to its exit */
  readonly http?: { ok: number; failed: number };
}

export interface RollingRestartResult {
  readonly config: RollingRestartConfig;
  /** the second instance's start, from spawn to ready (its join rebalances the group) */
  readonly joinSeconds: number;
  readonly restarts: RestartResult[];
  readonly placed: number;
  readonly failures: Map<string, number>;
}

const SETTLE_MS = 2_000;

/** starts one more instance of the context (its own port and client id) */
export type StartInstance = (clientId: string) => Promise<PlatformProcess>;

export async function runRollingRestart(
  config: RollingRestartConfig,
  db: PlatformDb,
  client: OrderClient,
  start: StartInstance,
  drain: () => Promise<number>,
): Promise<RollingRestartResult> {
  const clientId = `bench-${config.context}-2`;
  let instance = await start(clientId);
  const joinSeconds = instance.startSeconds;
  const load = steadyLoad(client, config.rate);
  // the group was idle until the load began: a first baseline would count that idleness as a gap
  await sleep(SETTLE_MS);
  const marks: Array<Omit<RestartResult, 'gaps' | 'baselineGap' | 'before' | 'during' | 'unconfirmed'>> = [];
  try {
    for (const signal of config.signals) {
      const reader =
        config.httpIntervalMs > 0 ? startKeepAliveReader(instance.baseUrl, config.httpIntervalMs) : undefined;
      await sleep(config.seconds * 1000);
      const signalAt = Date.now();
      const stopping = performance.now();
      instance.signal(signal);
      const exited = await instance.exited;
      const stopMs = performance.now() - stopping;
      const http = await reader?.stop();
      instance = await start(clientId);
      const readyAt = Date.now();
      marks.push({
        signal,
        signalAt,
        readyAt,
        stopMs,
        exit: exited.signal ?? `code ${exited.code}`,
        startMs: instance.startSeconds * 1000,
        http,
      });
      await sleep(config.seconds * 1000);
    }
  } finally {
    await load.stop();
    await instance.stop().catch((e: Error) => console.error(`stopping the second ${config.context}: ${e.message}`));
  }
  await drain();
  const times = await db.timelines(load.placed);
  const restarts: RestartResult[] = [];
  for (const mark of marks) {
    const windowEnd = mark.readyAt + config.seconds * 1000;
    const baselineFrom = mark.signalAt - config.seconds * 1000;
    const inWindow = times.filter((t) => t.placedAt >= mark.signalAt && t.placedAt < windowEnd);
    const placeToConfirm = (from: number, to: number): Summary | undefined =>
      summarise(
        times.flatMap((t) =>
          t.placedAt >= from && t.placedAt < to && t.confirmedAt !== undefined ? [t.confirmedAt - t.placedAt] : [],
        ),
      );
    restarts.push({
      ...mark,
      gaps: longestGaps(await groupProgress(db, config.context, mark.signalAt, windowEnd), mark.signalAt, windowEnd),
      baselineGap: longestGaps(
        await groupProgress(db, config.context, baselineFrom, mark.signalAt),
        baselineFrom,
        mark.signalAt,
        1,
      )[0],
      before: placeToConfirm(baselineFrom, mark.signalAt),
      during: placeToConfirm(mark.signalAt, windowEnd),
      unconfirmed: inWindow.filter((t) => t.confirmedAt === undefined).length,
    });
  }
  return { config, joinSeconds, restarts, placed: load.placed.length, failures: load.failures };
}
