import { boolSetting, intSetting, oneOfSetting, stringSetting } from './env-settings';

describe('settings from the environment', () => {
  it('uses the fallback when a setting is unset or empty', () => {
    expect(intSetting('X', 5, { env: {} })).toBe(5);
    expect(intSetting('X', 5, { env: { X: '  ' } })).toBe(5);
    expect(boolSetting('B', true, {})).toBe(true);
    expect(stringSetting('S', 'd', { S: '' })).toBe('d');
  });

  it('parses well-formed values', () => {
    expect(intSetting('X', 5, { env: { X: '12' } })).toBe(12);
    expect(intSetting('X', 5, { env: { X: '0' }, min: 0 })).toBe(0);
    expect(boolSetting('B', true, { B: 'false' })).toBe(false);
    expect(oneOfSetting('T', ['a', 'b'] as const, 'a', { T: 'b' })).toBe('b');
  });

  it('refuses malformed values with the setting name, instead of NaN or a silent default', () => {
    expect(() => intSetting('CONSUMER_MAX_ATTEMPTS', 5, { env: { CONSUMER_MAX_ATTEMPTS: 'abc' } })).toThrow(
      'CONSUMER_MAX_ATTEMPTS must be an integer >= 1, got "abc"',
    );
    expect(() => intSetting('X', 5, { env: { X: '0' } })).toThrow('X must be an integer >= 1');
    expect(() => intSetting('X', 5, { env: { X: '1.5' } })).toThrow();
    expect(() => boolSetting('B', true, { B: 'maybe' })).toThrow('B must be true or false');
    expect(() => oneOfSetting('T', ['a', 'b'] as const, 'a', { T: 'c' })).toThrow('T must be one of a, b');
  });
});
