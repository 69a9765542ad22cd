import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaSettings } from './kafka-settings';
import { installRequestQueueFix } from './request-queue-fix';

const LEVELS: Record<KafkaSettings['logLevel'], logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/**
 * The kafkajs client of this process. kafkajs logs through our logger (pino JSON with the
 * service name) instead of its own console output. Its connections no longer spin a timer while
 * idle (request-queue-fix.ts).
 */
export function createKafkaClient(settings: KafkaSettings): Kafka {
  if (!installRequestQueueFix()) logger.warn('kafkajs is not 2.2.4: its idle-connection fix was not installed');
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: settings.connectionTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    logLevel: LEVELS[settings.logLevel],
    logCreator: () => logEntry,
  });
}

const logger = new Logger('kafkajs');

function logEntry({ namespace, level, log }: LogEntry): void {
  const extra: Record<string, unknown> = { ...log };
  delete extra.message;
  delete extra.timestamp; // pino stamps its own
  const line = `${namespace}: ${log.message} ${JSON.stringify(extra)}`;
  if (level === logLevel.ERROR) logger.error(line);
  else if (level === logLevel.WARN) logger.warn(line);
  else if (level === logLevel.INFO) logger.log(line);
  else logger.debug(line);
}
