import { decideCommit } from './commit-decision';
import { decideRelease } from './release-decision';
import type { Reservation } from './reservation';

const lines = [{ sku: 'SKU-0001', quantity: 2 }];
const reservation = (status: Reservation['status']): Reservation => ({ orderId: 'order-1', status, lines });

describe('decideRelease', () => {
  it('gives a RESERVED reservation its lines back', () => {
    // given / when / then
    expect(decideRelease(reservation('RESERVED'))).toEqual({ kind: 'release', lines });
  });

  it('leaves a tombstone when the release overtook the reserve', () => {
    // given: no reservation yet / when / then
    expect(decideRelease(undefined)).toEqual({ kind: 'tombstone' });
  });

  it.each(['RELEASED', 'REJECTED'] as const)('acknowledges again without change when %s', (status) => {
    // given / when / then
    expect(decideRelease(reservation(status))).toEqual({ kind: 'acknowledge' });
  });

  it('ignores a release after commit: the goods have shipped', () => {
    // given / when / then
    expect(decideRelease(reservation('COMMITTED'))).toMatchObject({ kind: 'ignore' });
  });
});

describe('decideCommit', () => {
  it('commits a RESERVED reservation', () => {
    // given / when / then
    expect(decideCommit(reservation('RESERVED'))).toEqual({ kind: 'commit', lines });
  });

  it.each(['RELEASED', 'REJECTED', 'COMMITTED'] as const)(
    'commits nothing when %s (a redelivery or a stray dispatch)',
    (status) => {
      // given / when / then
      expect(decideCommit(reservation(status))).toMatchObject({ kind: 'ignore' });
    },
  );

  it('commits nothing for an order without a reservation', () => {
    // given / when / then
    expect(decideCommit(undefined)).toMatchObject({ kind: 'ignore' });
  });
});
