import { intSetting } from '@platform/config';

export const PROCESSOR_MODES = ['normal', 'decline-all', 'fail-all'] as const;
/** normal: by test token; decline-all: every authorisation declined; fail-all: every call fails transiently */
export type ProcessorMode = (typeof PROCESSOR_MODES)[number];

export interface FakeProcessorSettings {
  /** how many times `tok_flaky` fails transiently per authorisation before it succeeds */
  readonly flakyFailures: number;
  /** how long a processor call may take before we give up on it */
  readonly timeoutMs: number;
}

export function fakeProcessorSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): FakeProcessorSettings {
  return {
    flakyFailures: intSetting('PAYMENTS_FLAKY_FAILURES', 2, { env, min: 0 }),
    timeoutMs: intSetting('PAYMENTS_PROCESSOR_TIMEOUT_MS', 2_000, { env }),
  };
}
