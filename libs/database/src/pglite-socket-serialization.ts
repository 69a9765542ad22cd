import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * pglite-socket 0.2.17 multiplexes every client connection onto PGlite's ONE session and
 * schedules them per protocol *message*, keeping one client's messages together only while a
 * transaction is open. An extended-protocol query outside a transaction (Parse, Bind, Describe,
 * Execute, Sync: what the pg driver sends for every parameterised query) can therefore be split
 * by another client's messages on the same session. Measured here: 20 concurrent writers plus
 * the outbox relay's parameterised SELECT/UPDATE left a pool connection waiting forever within
 * seconds (outbox-relay.int-spec.ts on PGlite); with this scheduling it completes every time.
 *
 * The replacement keeps the session with one client from its first extended-protocol message to
 * its Sync, and for as long as its transaction is open, reading the transaction status from the
 * server's own ReadyForQuery messages. It relies on the queue's internals, so the dependency is
 * pinned exactly and this file throws at start if they change.
 */
interface QueuedMessage {
  readonly handlerId: number;
  readonly message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
  /** ours: the client is between its first extended-protocol message and its Sync */
  midExtendedQuery?: boolean;
  /** ours: the status byte of the last ReadyForQuery: I idle, T in a transaction, E failed transaction */
  transactionStatus?: number;
}

const READY_FOR_QUERY = 'Z'.charCodeAt(0);
/** Sync and simple Query: the server's answer to these always ends with ReadyForQuery */
const ENDS_WITH_READY_FOR_QUERY = new Set(['S', 'Q'].map((c) => c.charCodeAt(0)));
const IDLE = 'I'.charCodeAt(0);

/** Parse, Bind, Describe, Execute, Close, Flush: the session belongs to this client until its Sync. */
const EXTENDED_PROTOCOL = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));

export function serialiseExtendedQueries(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue?: QueryQueueInternals }).queryQueue;
  if (!queue || !Array.isArray(queue.queue) || typeof queue.processQueue !== 'function') {
    throw new Error('pglite-socket internals changed: review libs/database/src/pglite-socket-serialization.ts');
  }
  queue.processQueue = () => processQueue(queue);
  const clear = queue.clearTransactionIfNeeded.bind(queue);
  queue.clearTransactionIfNeeded = async (handlerId: number) => {
    if (queue.lastHandlerId === handlerId) {
      // the owner went away mid-query or mid-transaction: end whatever it left open
      queue.midExtendedQuery = false;
      if (queue.transactionStatus !== undefined && queue.transactionStatus !== IDLE) {
        await queue.db.exec('ROLLBACK').catch(() => undefined);
        queue.transactionStatus = IDLE;
      }
      queue.lastHandlerId = null;
    }
    await clear(handlerId);
    await processQueue(queue);
  };
}

async function processQueue(q: QueryQueueInternals): Promise<void> {
  if (q.processing || q.queue.length === 0) return;
  q.processing = true;
  try {
    while (q.queue.length > 0) {
      const busy = q.midExtendedQuery || (q.transactionStatus !== undefined && q.transactionStatus !== IDLE);
      const owner = q.lastHandlerId !== null && busy ? q.lastHandlerId : null;
      const index = owner === null ? 0 : q.queue.findIndex((m) => m.handlerId === owner);
      if (index === -1) break; // the owner's next message has not arrived yet
      const [item] = q.queue.splice(index, 1);
      let bytes = 0;
      // PGlite hands out views into its WebAssembly memory that are reused afterwards: keep a
      // copy of the last bytes only, which is where a ReadyForQuery ends a response
      let tail = Buffer.alloc(0);
      try {
        await q.db.runExclusive(() =>
          q.db.execProtocolRawStream(item.message, {
            onRawData: (data: Uint8Array) => {
              bytes += data.length;
              tail = Buffer.concat([tail, Buffer.from(data.subarray(Math.max(0, data.length - 6)))]).subarray(-6);
              item.onData(data);
            },
          }),
        );
      } catch (error) {
        item.reject(error);
        continue;
      }
      q.lastHandlerId = item.handlerId;
      q.midExtendedQuery = EXTENDED_PROTOCOL.has(item.message[0]);
      if (ENDS_WITH_READY_FOR_QUERY.has(item.message[0]))
        q.transactionStatus = readyStatus(tail) ?? q.transactionStatus;
      item.resolve(bytes);
    }
  } finally {
    q.processing = false;
  }
}

/** the transaction status of a response's closing ReadyForQuery ('Z', length 5, status byte) */
function readyStatus(tail: Buffer): number | undefined {
  if (tail.length !== 6 || tail[0] !== READY_FOR_QUERY || tail.readInt32BE(1) !== 5) return undefined;
  return tail[5];
}
