import { Module, type DynamicModule } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { LoggerModule } from 'nestjs-pino';
import { correlationIdOf } from './correlation-id';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { PlatformMetrics, platformMetrics } from './platform-metrics';
import { prettyLogTransport } from './pretty-logs';
import { ReadinessChecks } from './readiness';
import { SagaWatch } from './saga-watch';
import { traceIdsOfActiveSpan, TracingFlush, tracingEnabled } from './tracing';
import type { Environment } from '@platform/config';
import { OBSERVABILITY_SETTINGS } from './observability-settings';

export interface ObservabilityOptions {
  /** the deployable's name, on every log line and as a metrics label */
  readonly service: string;
  /** the environment the composition root read */
  readonly env: Environment;
}

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * JSON logs (pino) with the correlation id on every line of a request (and the trace's ids when
 * tracing is on), Prometheus metrics at /metrics, /health/live + /health/ready, and the last
 * spans flushed at shutdown. Imported once, by the app's root module.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const settings = OBSERVABILITY_SETTINGS.read(options.env);
    return {
      module: ObservabilityModule,
      global: true,
      providers: [
        { provide: PlatformMetrics, useFactory: () => platformMetrics() },
        { provide: ReadinessChecks, useFactory: () => new ReadinessChecks() },
        { provide: SagaWatch, useFactory: () => new SagaWatch() },
        TracingFlush,
      ],
      exports: [PlatformMetrics, ReadinessChecks, SagaWatch],
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: settings.LOG_LEVEL,
            base: { service: options.service },
            genReqId: correlationIdOf,
            customProps: (req) => ({ correlationId: (req as { id?: unknown }).id }),
            // trace and span ids on every line, only while tracing is on (startTracing runs first)
            mixin: tracingEnabled() ? traceIdsOfActiveSpan : undefined,
            autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url?.split('?')[0] ?? '') },
            transport: prettyLogTransport(settings.LOG_PRETTY, { service: options.service }),
          },
        }),
        PrometheusModule.register({
          path: '/metrics',
          controller: MetricsController,
          defaultLabels: { service: options.service },
          defaultMetrics: { enabled: settings.METRICS_DEFAULT },
        }),
      ],
      controllers: [HealthController],
    };
  }
}
