import type { Consumer, Kafka } from 'kafkajs';
import type { KafkaSettings } from '../kafka-settings';

/**
 * A consumer for the replay (its seat in the live group, and its reader in a fresh group), with
 * the live consumer's timings: no topic is created by it (topics are provisioned), and a crash
 * is never restarted by kafkajs, it fails the replay.
 */
export function replayConsumer(kafka: Kafka, groupId: string, settings: KafkaSettings['consumer']): Consumer {
  return kafka.consumer({
    groupId,
    sessionTimeout: settings.sessionTimeoutMs,
    heartbeatInterval: settings.heartbeatIntervalMs,
    rebalanceTimeout: settings.rebalanceTimeoutMs,
    maxWaitTimeInMs: settings.maxWaitTimeMs,
    allowAutoTopicCreation: false,
    retry: { restartOnFailure: async () => false },
  });
}
