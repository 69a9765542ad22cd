import { setting, SettingGroup } from '@platform/config';

/** The operator console: which other deployables it shows beside its own process. */
export const CONSOLE_SETTINGS = new SettingGroup('Console', {
  CONSOLE_PEERS: setting.text(
    '',
    'split deployments: base URLs of the other deployables the console at /console shows, comma-separated; each must accept this ADMIN_TOKEN',
  ),
  CONSOLE_TRACE_URL: setting.text(
    '',
    "with tracing on: the trace viewer's address of one trace, {traceId} standing for its id (Jaeger: http://localhost:16686/trace/{traceId}); unset, the console shows the trace id",
  ),
});
