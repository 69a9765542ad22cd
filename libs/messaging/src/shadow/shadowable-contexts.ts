/**
 * Which contexts can run as a shadow (ADR 0021), and what a shadow of each produces besides its
 * outbox: rows of its own tables caused by one input event (`causeColumn` holds that event's id),
 * compared like events. `generated` names fields each side makes up for itself (ids a gateway
 * hands out, timestamps), which the comparison ignores. The one list the migrate commands and the
 * shadow process read.
 */
export interface EffectTable {
  readonly table: string;
  /** the column holding the id of the input event that caused the row */
  readonly causeColumn: string;
  /** the column whose value names the kind of row (`ledger.CREDIT`), else the table's name alone */
  readonly kindColumn?: string;
  /** the column that keys the row for the report (an order id) */
  readonly keyColumn: string;
}

export type ShadowSupport =
  | {
      readonly shadowable: true;
      readonly effects: readonly EffectTable[];
      /** payload fields or columns each side generates on its own: never compared */
      readonly generated: readonly string[];
    }
  | { readonly shadowable: false; readonly reason: string };

export const SHADOW_SUPPORT: Readonly<Record<string, ShadowSupport>> = {
  loyalty: {
    shadowable: true,
    effects: [
      { table: 'ledger', causeColumn: 'source_event_id', kindColumn: 'kind', keyColumn: 'order_id' },
      { table: 'closed_orders', causeColumn: 'source_event_id', keyColumn: 'order_id' },
    ],
    generated: ['id', 'at', 'closed_at'],
  },
  payments: {
    shadowable: true,
    // the fake processor journals every call in payments.processor_calls, without the causing event
    effects: [],
    generated: ['authorizationId'],
  },
  notifications: {
    shadowable: true,
    // the fake e-mail gateway "sends" by recording into notifications.sent_messages
    effects: [{ table: 'sent_messages', causeColumn: 'source_event_id', kindColumn: 'kind', keyColumn: 'order_id' }],
    generated: ['id', 'sent_at'],
  },
  orders: {
    shadowable: false,
    reason:
      'orders takes its input over HTTP (POST /orders, cancellations): there is no consumer group to shadow, ' +
      'and a second deployment answering requests would place orders of its own',
  },
  inventory: {
    shadowable: false,
    reason:
      'inventory changes through its admin HTTP API too (products, stock): those writes reach the live context ' +
      'only, so the copy drifts from it and its decisions (reserved or not) differ for reasons no rule explains',
  },
  shipping: {
    shadowable: false,
    reason:
      "shipping's carrier clock emits events no input caused (dispatched, delivered): they cannot be paired with " +
      "the live context's, and a shadow's clock would advance shipments on its own schedule",
  },
  analytics: {
    shadowable: false,
    reason:
      'analytics produces no events and no effects outside its read models: rebuild them instead ' +
      '(npm run analytics:rebuild, ADR 0011)',
  },
};

export function shadowSupportOf(context: string): ShadowSupport | undefined {
  return SHADOW_SUPPORT[context];
}
