import { kafkaTestBrokers, kafkaTestEnv } from '@platform/testing';

/**
 * The transports a fault scenario runs on. Each scenario is `describe.each(faultTransports())`:
 * in-process, and Kafka on the jest run's mock cluster (TEST_KAFKA_BROKERS; without one the Kafka
 * variants are skipped loudly, except under CI=true, where they fail). FAULTS_TRANSPORTS=kafka
 * (or inprocess) runs one of them only. Scenarios that write records straight into the log
 * (duplicates, poison) do it through a `RecordInjector` of the same transport.
 */
export type FaultTransport = 'inprocess' | 'kafka';

const ALL: readonly FaultTransport[] = ['inprocess', 'kafka'];

export function faultTransports(): FaultTransport[] {
  const wanted = process.env.FAULTS_TRANSPORTS?.split(',').map((t) => t.trim());
  return ALL.filter((t) => !wanted || wanted.includes(t)).filter(
    (t) => t !== 'kafka' || kafkaTestBrokers('the fault-injection suite on Kafka') !== undefined,
  );
}

/**
 * What every process of one deployment needs to run on `transport`; called once per deployment,
 * so on Kafka each deployment has topics and consumer groups of its own (a fresh prefix).
 */
export function transportEnv(transport: FaultTransport): NodeJS.ProcessEnv {
  switch (transport) {
    case 'inprocess':
      // several processes share the log in schema `messaging`: appends by another process are
      // seen at the next poll, so poll often (ADR 0005)
      return { TRANSPORT: 'inprocess', INPROCESS_IDLE_POLL_MS: '50' };
    case 'kafka':
      return kafkaTestEnv(kafkaTestBrokers('the fault-injection suite on Kafka')!);
    default: {
      const unknown: never = transport;
      throw new Error(`no settings for transport ${String(unknown)}`);
    }
  }
}

/**
 * How many of a scenario's orders run on `transport`. On Kafka's mock cluster every step of an
 * order costs more (fetch waits, commits, group joins) and the machine has 2 cores, so Kafka runs
 * half of them to keep both transports' suite under about 8 minutes; each printout says so.
 */
export function ordersFor(transport: FaultTransport, orders: number): number {
  return transport === 'kafka' ? Math.round(orders * KAFKA_ORDER_SHARE) : orders;
}

/** what a scenario's printout says about its scale on `transport` */
export function scaleNote(transport: FaultTransport): string {
  return transport === 'kafka' ? ` (on Kafka ${KAFKA_ORDER_SHARE * 100} % of the in-process run's orders)` : '';
}

const KAFKA_ORDER_SHARE = 0.5;
