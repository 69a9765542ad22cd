/**
 * The transports a fault scenario runs on. Each scenario is `describe.each(faultTransports())`,
 * so the Kafka variant is one more entry here plus its settings in `transportEnv`, once the Kafka
 * transport lands (issue 6 asks for both). Scenarios that write records straight into the log
 * (duplicates, poison) do it through a `RecordInjector` of the same transport.
 */
export type FaultTransport = 'inprocess';

export function faultTransports(): FaultTransport[] {
  return ['inprocess'];
}

/** what every process of a deployment needs to run on `transport` */
export function transportEnv(transport: FaultTransport): NodeJS.ProcessEnv {
  switch (transport) {
    case 'inprocess':
      // several processes share the log in schema `messaging`: appends by another process are
      // seen at the next poll, so poll often (ADR 0005)
      return { TRANSPORT: 'inprocess', INPROCESS_IDLE_POLL_MS: '50' };
    default: {
      const unknown: never = transport;
      throw new Error(`no settings for transport ${String(unknown)}`);
    }
  }
}
