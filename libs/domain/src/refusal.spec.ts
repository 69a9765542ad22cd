import { isRefusal, Refusal } from './refusal';
import { isUuid } from './uuid';

describe('the shared kernel', () => {
  it('tells a refusal from a result', () => {
    expect(isRefusal(Refusal.conflict('X.TAKEN', 'taken'))).toBe(true);
    expect(isRefusal({ kind: 'conflict', code: 'X.TAKEN', detail: 'taken' })).toBe(false);
    expect(isRefusal(undefined)).toBe(false);
  });

  it('knows a UUID of any version, and nothing else', () => {
    expect(isUuid('0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10')).toBe(true);
    expect(isUuid('0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b1')).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
