import { requestFingerprint } from './request-fingerprint';

describe('request fingerprint', () => {
  it('is the same for the same body whatever the property order, and differs when a value differs', () => {
    const a = requestFingerprint({ currency: 'EUR', lines: [{ sku: 'A', quantity: 1 }], line2: undefined });
    const b = requestFingerprint({ lines: [{ quantity: 1, sku: 'A' }], currency: 'EUR' });
    expect(a).toBe(b);
    expect(requestFingerprint({ currency: 'EUR', lines: [{ sku: 'A', quantity: 2 }] })).not.toBe(a);
    expect(requestFingerprint({ lines: [{ sku: 'B' }, { sku: 'A' }] })).not.toBe(
      requestFingerprint({ lines: [{ sku: 'A' }, { sku: 'B' }] }),
    );
  });
});
