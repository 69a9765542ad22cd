import { isUuid } from '@platform/domain';
import { ProblemException } from '@platform/http';
import type { OrderListPosition } from '../../persistence/order.repository';

// The opaque cursor of GET /orders: the (createdAt, id) of the last order of a page, base64url-encoded.
// Opaque so the ordering can change without breaking clients; checked, so a forged one is a 400.

export function encodeCursor(position: OrderListPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): OrderListPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const createdAt = new Date(typeof at === 'string' ? at : NaN);
    if (Number.isNaN(createdAt.getTime()) || !isUuid(id)) throw new Error('malformed');
    // a JavaScript date reaches 271821 BC, PostgreSQL's timestamptz only 4713 BC: keep to what a column holds
    const year = createdAt.getUTCFullYear();
    if (year < 1 || year > 9999) throw new Error('out of range');
    return { createdAt, id };
  } catch {
    throw new ProblemException({
      status: 400,
      code: 'REQUEST.INVALID',
      detail: 'The cursor is not one this API returned.',
      errors: [{ field: 'cursor', problems: ['cursor is malformed'] }],
    });
  }
}
