import { setting, SettingGroup } from '@platform/config';

/** The HTTP side of every deployable, and the operator credential of its admin endpoints. */
export const HTTP_SETTINGS = new SettingGroup('HTTP', {
  PORT: setting.int(3000, 'port of the REST API, /docs, /health/*, /metrics (0: any free port)', { min: 0 }),
  HOST: setting.text('0.0.0.0', 'interface to bind; 127.0.0.1 keeps the API off the network'),
  HTTP_BODY_LIMIT: setting.text('100kb', 'largest JSON request body accepted (body-parser syntax)'),
  HTTP_BODY_MAX_DEPTH: setting.int(32, 'deepest nesting of a JSON body or query accepted (at most 512)'),
  SHUTDOWN_TIMEOUT_MS: setting.int(25_000, 'how long draining may take on SIGTERM/SIGINT before exit code 1 (ms)'),
  ADMIN_TOKEN: setting.text('', 'the operator credential for /admin/...; unset: one is made and kept', {
    secret: true,
  }),
  DEAD_LETTERS_URL: setting.text('http://localhost:3000', "npm run dead-letters: the app's base URL (--url wins)"),
});
