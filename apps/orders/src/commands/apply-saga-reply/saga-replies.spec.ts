import {
  PaymentDeclinedV1Contract,
  ShipmentDeliveredV1Contract,
  StockReservationFailedV1Contract,
  type EventContract,
} from '@platform/events';
import { SAGA_REPLY_SUBSCRIPTIONS } from './apply-saga-replies-when-replied.subscription';
import { SAGA_REPLIES } from './saga-replies';

describe('the saga replies table', () => {
  it('gives every reply a topic of its own and a subscription class of its own', () => {
    const topics = SAGA_REPLIES.map((reply) => reply.contract.topic);
    expect(new Set(topics).size).toBe(SAGA_REPLIES.length);
    expect(new Set(SAGA_REPLY_SUBSCRIPTIONS).size).toBe(SAGA_REPLIES.length);
  });

  it("turns a refusal's payload into the saga's words, and a plain reply into its type", () => {
    const inputOf = (contract: EventContract, payload: object) =>
      SAGA_REPLIES.find((reply) => reply.contract === contract)?.toSagaInput({ orderId: 'o-1', ...payload });
    const shortLines = [
      { sku: 'MUG', requested: 3, available: 1 },
      { sku: 'TEE', requested: 2, available: 0 },
    ];
    expect(inputOf(StockReservationFailedV1Contract, { reason: 'OUT_OF_STOCK', shortLines })).toEqual({
      type: 'StockReservationFailed',
      reason: 'OUT_OF_STOCK',
      detail: 'MUG requested 3, available 1; TEE requested 2, available 0',
    });
    expect(inputOf(PaymentDeclinedV1Contract, { reason: 'DECLINED', detail: 'card declined' })).toEqual({
      type: 'PaymentDeclined',
      reason: 'DECLINED',
      detail: 'card declined',
    });
    expect(inputOf(ShipmentDeliveredV1Contract, {})).toEqual({ type: 'ShipmentDelivered' });
  });
});
