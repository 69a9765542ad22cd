import type { Transaction } from '@platform/database';

/** one call a shadow's gateway recorded instead of making it (ADR 0021) */
export interface GatewayCall {
  /** which gateway: `payment-processor`, `email` */
  readonly gateway: string;
  readonly operation: string;
  /** the input event whose handling made the call */
  readonly causeEventId?: string;
  readonly request: unknown;
  /** what the recording adapter answered (the fake gateway's normal mode) */
  readonly answer: unknown;
}

/**
 * `<context>.shadow_gateway_calls`: created by `migrate shadow` in the copy's transaction, beside
 * `shadow_run`, so only a shadow's database has it; written in the handler's transaction, so a
 * rolled-back attempt leaves no call behind.
 */
export function createGatewayCallsTableSql(context: string): string[] {
  return [
    `DROP TABLE IF EXISTS ${context}.shadow_gateway_calls`,
    `CREATE TABLE ${context}.shadow_gateway_calls (
       id bigserial PRIMARY KEY,
       gateway text NOT NULL,
       operation text NOT NULL,
       cause_event_id uuid,
       request jsonb NOT NULL,
       answer jsonb,
       recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
     )`,
  ];
}

export async function recordGatewayCall(tx: Transaction, context: string, call: GatewayCall): Promise<void> {
  await tx.manager.query(
    `INSERT INTO ${context}.shadow_gateway_calls (gateway, operation, cause_event_id, request, answer)
     VALUES ($1, $2, $3, $4, $5)`,
    [
      call.gateway,
      call.operation,
      call.causeEventId ?? null,
      JSON.stringify(call.request),
      call.answer === undefined ? null : JSON.stringify(call.answer),
    ],
  );
}
