import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlatformMetrics, SagaWatch, type SagaStepReport } from '@platform/observability';
import { SAGA_STEPS, SagaRepository } from '../persistence/saga.repository';

const SAGA = 'order';

/**
 * The order saga's states on /metrics (DESIGN.md, "Operating it"): how many orders wait at each
 * step, and how long the least recently moved of them has waited. A growing age at one step
 * is a stuck saga (a lost reply, a consumer that stopped) before its timeout fires. Read at
 * scrape time, outside any transaction. A step with no saga reports 0, so an alert on it
 * resolves instead of keeping its last value. The operator console asks the same through
 * SagaWatch, with the order that has waited longest at each step.
 */
@Injectable()
export class SagaStateMetrics implements OnApplicationBootstrap, OnModuleDestroy {
  private unregister: Array<() => void> = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly sagas: SagaRepository,
    private readonly metrics: PlatformMetrics,
    private readonly watch: SagaWatch,
  ) {}

  onApplicationBootstrap(): void {
    this.unregister = [this.metrics.onCollect(() => this.collect()), this.watch.add(() => this.report())];
  }

  onModuleDestroy(): void {
    this.unregister.forEach((unregister) => unregister());
  }

  /** the same counts with the order that has waited longest at each step (the console's Flow view) */
  async report(): Promise<SagaStepReport[]> {
    const [atSteps, oldest] = await Promise.all([
      this.sagas.inProgressBySteps(this.dataSource.manager),
      this.sagas.oldestAtSteps(this.dataSource.manager),
    ]);
    return SAGA_STEPS.map((state) => {
      const at = atSteps.find((s) => s.state === state);
      return {
        saga: SAGA,
        state,
        count: at?.count ?? 0,
        oldestStepAgeSeconds: at?.oldestStepAgeSeconds ?? 0,
        oldestId: oldest.get(state),
      };
    });
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
