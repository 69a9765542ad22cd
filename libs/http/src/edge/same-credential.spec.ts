import { sameCredential } from './same-credential';

describe('sameCredential', () => {
  const expected = 'e2e-admin-token';

  it('accepts the expected credential', () => {
    expect(sameCredential('e2e-admin-token', expected)).toBe(true);
  });

  it.each([
    ['a different one of the same length', 'e2e-admin-tokem'],
    ['a prefix', 'e2e-admin'],
    ['a longer one', 'e2e-admin-token-and-more'],
    ['the empty string', ''],
    ['different case', 'E2E-ADMIN-TOKEN'],
  ])('refuses %s', (_, given) => {
    expect(sameCredential(given, expected)).toBe(false);
  });

  it('refuses non-ASCII characters of the right count without throwing (their bytes differ in length)', () => {
    // given: 15 characters, 30 bytes in UTF-8; timingSafeEqual on the raw bytes threw a RangeError
    const given = 'é'.repeat(expected.length);
    // when / then
    expect(() => sameCredential(given, expected)).not.toThrow();
    expect(sameCredential(given, expected)).toBe(false);
  });

  it('never accepts anything when nothing is expected', () => {
    expect(sameCredential('', '')).toBe(false);
  });
});
