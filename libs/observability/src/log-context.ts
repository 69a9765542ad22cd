import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';

/**
 * Runs `work` with a child logger bound to these fields (correlationId, eventId, ...), so every
 * log line written inside it, through Nest's Logger or an injected PinoLogger, carries them.
 * HTTP requests get the same from pino-http; the consumer pipeline calls this for every event.
 */
export function withLogContext<T>(bindings: Record<string, unknown>, work: () => T): T {
  const root = PinoLogger.root;
  if (!root) return work();
  const parent = storage.getStore()?.logger ?? root;
  return storage.run(new Store(parent.child(bindings)), work);
}
