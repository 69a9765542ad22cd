import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlatformMetrics } from '@platform/observability';
import { SAGA_STEPS, SagaRepository } from '../persistence/saga.repository';

const SAGA = 'order';

/**
 * The order saga's states on /metrics (DESIGN.md, "Operating it"): how many orders wait at each
 * step, and how long the least recently moved of them has waited. A growing age at one step
 * is a stuck saga (a lost reply, a consumer that stopped) before its timeout fires. Read at
 * scrape time, outside any transaction. A step with no saga reports 0, so an alert on it
 * resolves instead of keeping its last value.
 */
@Injectable()
export class SagaStateMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private unregister?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sagas: SagaRepository,
    private readonly metrics: PlatformMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.unregister = this.metrics.onCollect(() => this.collect());
  }

  onModuleDestroy(): void {
    this.unregister?.();
  }

  async collect(): Promise<void> {
    const atSteps = await this.sagas.inProgressBySteps(this.dataSource.manager);
    for (const state of SAGA_STEPS) {
      const at = atSteps.find((s) => s.state === state);
      this.metrics.sagasInProgress.set({ saga: SAGA, state }, at?.count ?? 0);
      this.metrics.sagaOldestStepAge.set({ saga: SAGA, state }, at?.oldestStepAgeSeconds ?? 0);
    }
  }
}
