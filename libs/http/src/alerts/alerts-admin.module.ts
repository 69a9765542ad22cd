import { Module } from '@nestjs/common';
import { AlertsNow, PlatformMetrics } from '@platform/observability';
import { AlertsHttpController } from './alerts.http.controller';

/** GET /admin/alerts over the registry /metrics serves (PlatformMetrics comes from the global ObservabilityModule) */
@Module({
  providers: [
    {
      provide: AlertsNow,
      useFactory: (metrics: PlatformMetrics) => new AlertsNow(metrics.registry),
      inject: [PlatformMetrics],
    },
  ],
  controllers: [AlertsHttpController],
})
export class AlertsAdminModule {}
