import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { EnvelopeCodec } from '@platform/events';
import type { PlatformMetrics } from '@platform/observability';
import { COMPARISON_RESULTS, totals } from './compare-outputs';
import { compareShadow } from './shadow-comparison';

/**
 * The shadow process comparing itself with the live context every `intervalMs` (SHADOW=true with
 * SHADOW_LIVE_DATABASE_URL, ADR 0021), through the comparator `migrate compare` uses, and
 * exposing the counts as shadow_comparison_results{context,result} and shadow_lag_records{context}.
 * A comparison that fails (the live database down) is logged and tried again next time.
 */
export class ShadowMonitor {
  private readonly logger = new Logger('ShadowMonitor');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly context: string,
    private readonly shadow: DataSource,
    private readonly liveUrl: string,
    private readonly codec: EnvelopeCodec,
    private readonly metrics: PlatformMetrics,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.compareOnce().finally(() => (this.running = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async compareOnce(): Promise<void> {
    const live = new Client({
      connectionString: this.liveUrl,
      application_name: `order-platform:shadow-compare:${this.context}`,
    });
    try {
      await live.connect();
      const comparison = await compareShadow(
        this.context,
        (sql, params) => live.query(sql, params).then((r) => r.rows as Array<Record<string, unknown>>),
        (sql, params) => this.shadow.query(sql, params),
        this.codec,
      );
      const sum = totals(comparison.comparisons);
      for (const result of COMPARISON_RESULTS)
        this.metrics.shadowComparisonResults.set({ context: this.context, result }, sum[result]);
      this.metrics.shadowLagRecords.set({ context: this.context }, comparison.lagInputs);
    } catch (error) {
      this.logger.warn(
        `comparing the shadow of ${this.context} with the live context failed: ${(error as Error).message}`,
      );
    } finally {
      await live.end().catch(() => undefined);
    }
  }
}
