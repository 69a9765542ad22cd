import { Inject, Injectable, Optional } from '@nestjs/common';
import { PLATFORM_SERVICE } from '@platform/http';
import { ConsumerGroups, ConsumerLagReader, type PartitionLag } from '@platform/messaging';
import { PlatformMetrics, SagaWatch } from '@platform/observability';
import { CounterRates } from './counter-rates';
import type { ContextFlow, FlowView, GroupFlow, ShadowFlow } from './flow-view';

type Labels = Partial<Record<string, string | number>>;
interface Reading {
  readonly values: ReadonlyArray<{ readonly labels: Labels; readonly value: number }>;
}

/**
 * This process's part of the Flow view, from the sources its /metrics has: the platform's gauges
 * (read now, so their scrape-time collectors query the outboxes, dead letters and sagas), its
 * counters turned into rates, the transport's lag per partition and the sagas' waiting steps.
 */
@Injectable()
export class LocalFlow {
  private readonly rates = new CounterRates();

  constructor(
    @Inject(PLATFORM_SERVICE) private readonly service: string,
    private readonly metrics: PlatformMetrics,
    private readonly groups: ConsumerGroups,
    private readonly sagas: SagaWatch,
    @Optional() private readonly lag?: ConsumerLagReader,
  ) {}

  async read(): Promise<FlowView> {
    const m = this.metrics;
    const [backlog, oldest, published, consumed, failures, deadLetters, waiting, partitions, sagas] = await Promise.all(
      [
        m.outboxBacklog.get(),
        m.outboxOldestAge.get(),
        m.eventsPublished.get(),
        m.eventsConsumed.get(),
        m.handlerFailures.get(),
        m.deadLetterDepth.get(),
        m.consumersWaiting.get(),
        this.lag?.partitionLag() ?? Promise.resolve<PartitionLag[]>([]),
        this.sagas.read(),
      ] as const,
    );
    const at = Date.now();
    // a counter has no series before its first event: every group and outbox starts at 0, so it has a rate
    const outboxes = sumBy(backlog, 'context');
    const totals = new Map<string, number>(
      [
        ...this.groups.all().flatMap((b) => [`consumed:${b.group}`, `failures:${b.group}`]),
        ...[...outboxes.keys()].map((context) => `published:${context}`),
      ].map((key): [string, number] => [key, 0]),
    );
    for (const [kind, reading, label] of [
      ['consumed', consumed, 'group'],
      ['failures', failures, 'group'],
      ['published', published, 'producer'],
    ] as const) {
      for (const [key, value] of sumBy(reading, label)) totals.set(`${kind}:${key}`, value);
    }
    const rates = this.rates.rates(at, totals);
    const groupFlow = (group: string): GroupFlow => {
      const own = partitions.filter((p) => p.group === group);
      return {
        group,
        services: [this.service],
        lag: own.reduce((sum, p) => sum + p.lag, 0),
        partitions: own.map(({ topic, partition, lag }) => ({ topic, partition, lag })),
        consumedTotal: totals.get(`consumed:${group}`) ?? 0,
        consumedPerMinute: perMinute(rates.get(`consumed:${group}`)),
        failuresTotal: totals.get(`failures:${group}`) ?? 0,
        failuresPerMinute: perMinute(rates.get(`failures:${group}`)),
        deadLettersPending: sumBy(deadLetters, 'group').get(group) ?? 0,
        waitingOn: waiting.values
          .filter((v) => v.labels.group === group && v.value > 0)
          .map((v) => `${v.labels.dependency}`),
      };
    };
    const contextNames = [...new Set([...this.groups.all().map((b) => b.schema), ...outboxes.keys()])].sort();
    const contexts = contextNames.map((context): ContextFlow => ({
      context,
      outbox: outboxes.has(context)
        ? {
            backlog: outboxes.get(context) ?? 0,
            oldestPendingAgeMs: Math.round((sumBy(oldest, 'context').get(context) ?? 0) * 1000),
            publishedTotal: totals.get(`published:${context}`) ?? 0,
            publishedPerMinute: perMinute(rates.get(`published:${context}`)),
          }
        : null,
      groups: this.groups
        .all()
        .filter((b) => b.schema === context)
        .map((b) => groupFlow(b.group)),
    }));
    return {
      at: new Date(at).toISOString(),
      sources: [{ source: 'this process', service: this.service, error: null }],
      contexts,
      sagas: sagas.map(({ oldestStepAgeSeconds, ...step }) => ({
        ...step,
        oldestStepAgeMs: Math.round(oldestStepAgeSeconds * 1000),
      })),
      shadows: await this.shadows(),
    };
  }

  /** what a shadow process (SHADOW=true) reports of its comparison; nothing elsewhere */
  private async shadows(): Promise<ShadowFlow[]> {
    const [results, lag] = await Promise.all([
      this.metrics.shadowComparisonResults.get(),
      this.metrics.shadowLagRecords.get(),
    ]);
    const contexts = new Set([...results.values, ...lag.values].map((v) => `${v.labels.context}`));
    return [...contexts].map((context) => ({
      context,
      service: this.service,
      results: Object.fromEntries(
        results.values.filter((v) => v.labels.context === context).map((v) => [`${v.labels.result}`, v.value]),
      ),
      lagRecords: lag.values.find((v) => v.labels.context === context)?.value ?? null,
    }));
  }
}

/** whole numbers on the API (its convention): a rate per second as events per minute */
function perMinute(perSecond: number | undefined): number | null {
  return perSecond === undefined ? null : Math.round(perSecond * 60);
}

/** a metric's values summed by one label (over every other label) */
function sumBy(reading: Reading, label: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const { labels, value } of reading.values) {
    const key = labels[label];
    if (key !== undefined) sums.set(`${key}`, (sums.get(`${key}`) ?? 0) + value);
  }
  return sums;
}
