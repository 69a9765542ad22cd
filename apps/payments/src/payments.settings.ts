import { setting, SettingGroup, type Environment } from '@platform/config';

export const PAYMENTS_SETTING_GROUP = new SettingGroup('payments (fake processor)', {
  PAYMENTS_FLAKY_FAILURES: setting.int(2, 'how often tok_flaky fails transiently before it succeeds', { min: 0 }),
  PAYMENTS_PROCESSOR_TIMEOUT_MS: setting.int(
    2_000,
    'limit on every processor call (ms); a timed-out authorisation is declined',
  ),
});

export interface FakeProcessorSettings {
  /** how many times `tok_flaky` fails transiently per authorisation before it succeeds */
  readonly flakyFailures: number;
  /** how long a processor call may take before we give up on it */
  readonly timeoutMs: number;
}

export function fakeProcessorSettingsFrom(env: Environment): FakeProcessorSettings {
  const s = PAYMENTS_SETTING_GROUP.read(env);
  return { flakyFailures: s.PAYMENTS_FLAKY_FAILURES, timeoutMs: s.PAYMENTS_PROCESSOR_TIMEOUT_MS };
}
