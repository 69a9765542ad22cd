import { setting } from './index';
import { SettingGroup } from './setting-group';
import { SettingsCatalogue, SettingsError } from './settings-catalogue';

const KAFKA = new SettingGroup('kafka', {
  KAFKA_BROKERS: setting.text('', 'bootstrap brokers'),
  KAFKA_SESSION_TIMEOUT_MS: setting.int(30_000, 'session timeout'),
});
const HTTP = new SettingGroup('http', {
  PORT: setting.int(3000, 'port', { min: 0 }),
  ADMIN_TOKEN: setting.text('', 'operator credential', { secret: true }),
});
const DATABASE = new SettingGroup(
  'database',
  { DATABASE_URL: setting.optional('the server') },
  {
    families: [
      { label: '<CONTEXT>_DATABASE_URL', pattern: /^[A-Z]+_DATABASE_URL$/, meaning: 'one context', secret: false },
    ],
  },
);
const OTEL = new SettingGroup('otel', { OTEL_SDK_DISABLED: setting.bool(false, 'off') }, { standard: true });
const catalogue = new SettingsCatalogue([KAFKA, HTTP, DATABASE, OTEL]);

describe('the settings catalogue', () => {
  it('derives the platform prefixes from the names it holds, not from standard ones', () => {
    expect(catalogue.prefixes).toEqual(['ADMIN_', 'DATABASE_', 'KAFKA_']);
  });

  it('accepts known settings, a family member, and names without a platform prefix', () => {
    const env = {
      KAFKA_BROKERS: 'k:9092',
      ORDERS_DATABASE_URL: 'postgres://x',
      PATH: '/bin',
      OTEL_EXPORTER_OTLP_HEADERS: 'a=b',
    };
    expect(() => catalogue.validate(env)).not.toThrow();
  });

  it('refuses a misspelled setting in one line, naming the closest known one', () => {
    const validate = () => catalogue.validate({ KAFKA_SESION_TIMEOUT_MS: '6000' });
    expect(validate).toThrow(SettingsError);
    expect(validate).toThrow('unknown setting KAFKA_SESION_TIMEOUT_MS (did you mean KAFKA_SESSION_TIMEOUT_MS?)');
  });

  it('refuses an unknown setting with a platform prefix without guessing when nothing is close', () => {
    expect(() => catalogue.validate({ KAFKA_SOMETHING_ELSE_ENTIRELY: '1' })).toThrow(
      /^unknown setting KAFKA_SOMETHING_ELSE_ENTIRELY$/,
    );
  });

  it('refuses a malformed value of a known setting at start', () => {
    expect(() => catalogue.validate({ PORT: 'eighty' })).toThrow('PORT must be an integer >= 0, got "eighty"');
  });

  it('refuses a setting declared twice', () => {
    expect(() => new SettingsCatalogue([KAFKA, KAFKA])).toThrow('KAFKA_BROKERS is declared twice (kafka)');
  });

  it('describes the effective settings, defaults marked, secrets and URL passwords masked', () => {
    const lines = catalogue.describe({
      ADMIN_TOKEN: 's3cret',
      DATABASE_URL: 'postgres://app:hunter2@db:5432/orders',
      ORDERS_DATABASE_URL: 'postgres://orders:pw@db2/orders',
      KAFKA_BROKERS: 'k:9092',
    });
    expect(lines).toEqual([
      'KAFKA_BROKERS=k:9092',
      'KAFKA_SESSION_TIMEOUT_MS=30000   # default',
      'PORT=3000   # default',
      'ADMIN_TOKEN=****',
      'DATABASE_URL=postgres://app:****@db:5432/orders',
      'OTEL_SDK_DISABLED=false   # default',
      'ORDERS_DATABASE_URL=postgres://orders:****@db2/orders',
    ]);
    expect(lines.join('\n')).not.toMatch(/s3cret|hunter2|:pw@/);
  });
});
