/**
 * Attribute names of the platform's spans: OpenTelemetry semantic conventions (messaging and HTTP,
 * as of semconv 1.3x) where one fits, `platform.*` for the pipeline's own facts. Spelled out here
 * rather than imported from @opentelemetry/semantic-conventions, whose messaging names live in
 * the large "incubating" entry point.
 */
export const ATTR = {
  messagingSystem: 'messaging.system',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  destination: 'messaging.destination.name',
  consumerGroup: 'messaging.consumer.group.name',
  partition: 'messaging.destination.partition.id',
  messageId: 'messaging.message.id',
  conversationId: 'messaging.message.conversation_id',
  /** 1 on the first delivery to the handler, then 2, 3, ... on retries */
  attempt: 'platform.attempt',
  /** handled, duplicate, dead_lettered or aborted */
  outcome: 'platform.outcome',
  correlationId: 'platform.correlation_id',
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpStatus: 'http.response.status_code',
  urlPath: 'url.path',
} as const;

/** `messaging.kafka.offset` on Kafka; the in-process transport's log offset under its own name */
export function offsetAttribute(system: string): string {
  return `messaging.${system}.offset`;
}
