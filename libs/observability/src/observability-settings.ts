import { setting, SettingGroup } from '@platform/config';

/** Logs and metrics of every deployable. */
export const OBSERVABILITY_SETTINGS = new SettingGroup('logs and metrics', {
  LOG_LEVEL: setting.oneOf(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
    'info',
    'pino level of the logs',
  ),
  LOG_PRETTY: setting.bool(false, 'human-readable logs via pino-pretty (a dev dependency)'),
  METRICS_DEFAULT: setting.bool(true, "Node's process metrics (CPU, heap, event loop lag...) in /metrics"),
  TRACING_SHUTDOWN_FLUSH_MS: setting.int(1_500, 'how long shutdown waits for the last spans to be exported (ms)', {
    min: 0,
  }),
});

/**
 * The standard OpenTelemetry variables this platform reads itself; the SDK reads these and the
 * other OTEL_* ones too, so OTEL_ is not a prefix the catalogue claims.
 */
export const OTEL_SETTINGS = new SettingGroup(
  'tracing (OpenTelemetry)',
  {
    OTEL_EXPORTER_OTLP_ENDPOINT: setting.text(
      '',
      'collector base URL; set, tracing is on (traces go to <it>/v1/traces)',
    ),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: setting.text('', 'full URL for traces only; wins over the base URL'),
    OTEL_SERVICE_NAME: setting.text('', "the service's name in traces (default: the deployable's)"),
    OTEL_RESOURCE_ATTRIBUTES: setting.text('', 'extra resource attributes, e.g. deployment.environment=staging'),
    OTEL_TRACES_SAMPLER: setting.text('', 'the SDK sampler; unset: parentbased_traceidratio'),
    OTEL_TRACES_SAMPLER_ARG: setting.text('1', 'the share of traces kept, 0 to 1'),
    OTEL_SDK_DISABLED: setting.bool(false, 'tracing off even with an endpoint set'),
    OTEL_EXPORTER_OTLP_TIMEOUT: setting.text('', 'export timeout (ms); unset here it is 2000'),
    OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: setting.text('', 'export timeout of traces only (ms)'),
  },
  { standard: true },
);
