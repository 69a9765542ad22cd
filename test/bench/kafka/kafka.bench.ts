/**
 * `npm run bench:kafka`: bench:orders' workload (test/bench/orders/) through three deployments of
 * the same code, each in a scratch database of its own: the monolith on the in-process transport,
 * the monolith on Kafka, and every context as its own process on Kafka. Per deployment: orders/s
 * at full speed, placement -> confirmation p50/p99 at a fixed rate and at full speed, the two
 * round trips an order waits for, and CPU per order by process (platform, postgres, broker). For
 * the split services, a rolling restart of one context's second instance under a steady load:
 * the longest gap in its group's progress and place -> CONFIRMED around it; then one context cut
 * over to a shadow of it (docs/deploy.md#cut-over): its group's pause and what it is made of.
 * Prints figures and never asserts. Knobs: kafka-bench-config.ts; docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { printRunHeader } from '../machine';
import { serverSettings } from '../orders/server-settings';
import { preparePlatformBuild } from '../orders/platform-process';
import { startBenchBroker, type BenchBroker } from './bench-broker';
import { runDeployment, type DeploymentResult } from './deployment-run';
import { kafkaBenchConfigFromEnv, kafkaReproduceCommand } from './kafka-bench-config';
import {
  DEPLOYMENT_TITLES,
  printComparison,
  printCpuByProcess,
  printHopLatencies,
  printHops,
  printProfiles,
} from './kafka-report';
import { restartLines, summaryLines } from './rolling-report';
import { cutOverLines, cutOverSummaryLine } from './cut-over-report';
import { runBench } from '../run-bench';

const ROOT = join(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const config = kafkaBenchConfigFromEnv();
  process.env.DATABASE_URL = config.databaseUrl; // createTestDatabase() reads it
  const command = kafkaReproduceCommand();
  printRunHeader('Orders on Kafka benchmark', await serverSettings(config.databaseUrl), command);
  await preparePlatformBuild(config.build, 'dist/apps/<app>/src/main.js', 'BENCH_KAFKA_BUILD');
  const needsKafka = config.deployments.some((d) => d !== 'inprocess');
  const broker: BenchBroker | undefined = needsKafka ? await startBenchBroker(config.fetchMaxWaitMs) : undefined;
  const adminToken = randomBytes(18).toString('base64url');
  const results: DeploymentResult[] = [];
  try {
    if (broker) console.log(`  broker: ${broker.description}`);
    console.log(
      `  workload: bench:orders' (one product, 1 unit, tok_visa, random customers); phase A ${config.rate} orders/s for ` +
        `${config.seconds} s, phase B ${config.concurrency} clients for ${config.seconds} s; LOG_LEVEL=warn SHIPPING_AUTO_ADVANCE=false`,
    );
    for (const kind of config.deployments) {
      console.log(`\n== ${DEPLOYMENT_TITLES[kind]} ==`);
      const result = await runDeployment(kind, config, broker, adminToken);
      printHops(result);
      printHopLatencies(result);
      printCpuByProcess(result);
      printProfiles(result, ROOT);
      printRolling(result, broker);
      printCutOver(result);
      results.push(result);
    }
    printComparison(results, config.rate);
    const split = results.find((r) => r.kind === 'split');
    summaryLines(split?.rolling).forEach((line) => console.log(line));
    console.log(cutOverSummaryLine(split?.cutOver, split?.rolling, split?.cutOverFailed));
    if (split?.cutOver)
      console.log(`    repeat it: ${kafkaReproduceCommand({ ...process.env, BENCH_KAFKA_DEPLOYMENTS: 'split' })}`);
    if (broker) console.log(`  broker: ${broker.description}`);
    console.log(`\nreproduce: ${command}`);
  } finally {
    await broker?.stop();
  }
}

function printRolling(result: DeploymentResult, broker: BenchBroker | undefined): void {
  const rolling = result.rolling;
  if (!rolling || !broker) return;
  const sessionTimeoutMs = Number(result.kafkaEnv.KAFKA_SESSION_TIMEOUT_MS ?? 30_000);
  console.log(
    `  second ${rolling.config.context} instance ready ${rolling.joinSeconds.toFixed(1)} s after spawn (its join rebalanced the group); ` +
      `${rolling.placed} orders placed in phase C${rolling.failures.size > 0 ? `, refused: ${[...rolling.failures].map(([k, n]) => `${k} x${n}`).join(', ')}` : ''}; ` +
      `load average at its end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (a gap is a rebalance only when the group kept up before it)`,
  );
  for (const restart of rolling.restarts) {
    restartLines(rolling.config, restart, { kind: broker.kind, sessionTimeoutMs }).forEach((line) => console.log(line));
  }
}

function printCutOver(result: DeploymentResult): void {
  if (!result.cutOver) return;
  cutOverLines(result.cutOver, result.rolling).forEach((line) => console.log(line));
  console.log(
    `    load average at its end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

runBench(main);
