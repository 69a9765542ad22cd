import { groupSuffixOf, refuseShadowIn, shadowSettingsFromEnv } from './shadow-settings';

describe('shadow settings', () => {
  it('are off by default: no group suffix, nothing compared', () => {
    const settings = shadowSettingsFromEnv({ TRANSPORT: 'kafka' });
    expect(settings.enabled).toBe(false);
    expect(groupSuffixOf(settings)).toBe('');
  });

  it('on Kafka, name the shadow group <group>.shadow (or the suffix given) and the live database to compare with', () => {
    const env = { SHADOW: 'true', TRANSPORT: 'kafka', SHADOW_LIVE_DATABASE_URL: 'postgres://db-1/platform' };
    expect(shadowSettingsFromEnv(env)).toEqual({
      enabled: true,
      groupSuffix: '.shadow',
      liveDatabaseUrl: 'postgres://db-1/platform',
      compareIntervalMs: 15_000,
    });
    expect(groupSuffixOf(shadowSettingsFromEnv({ ...env, SHADOW_GROUP_SUFFIX: '.shadow-b' }))).toBe('.shadow-b');
    expect(() => shadowSettingsFromEnv({ ...env, SHADOW_GROUP_SUFFIX: 'shadow' })).toThrow(/start with a dot/);
  });

  it('refuse the in-process transport and the monolith, saying why', () => {
    expect(() => shadowSettingsFromEnv({ SHADOW: 'true' })).toThrow(/SHADOW=true needs TRANSPORT=kafka/);
    expect(() => refuseShadowIn('monolith', { SHADOW: 'true', TRANSPORT: 'kafka' })).toThrow(/not the monolith/);
    expect(() => refuseShadowIn('loyalty', { SHADOW: 'true', TRANSPORT: 'kafka' })).not.toThrow();
  });
});
