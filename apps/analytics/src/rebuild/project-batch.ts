import { UndeliverableEventError, type EventEnvelope, type RecordDecoder } from '@platform/events';
import { PermanentFailure, type ReceivedRecord } from '@platform/messaging';

/**
 * How one rebuild path projects: both replay paths (the in-process log, Kafka) run every batch
 * through projectBatch and differ only in the transaction they open and the call that projects.
 */
export interface BatchProjection<Tx> {
  /** the live pipeline's decoder (an EnvelopeCodec, or the schema registry's on Kafka) */
  readonly decoder: RecordDecoder;
  /** runs the batch's work in one transaction */
  readonly transaction: (work: (tx: Tx) => Promise<number>) => Promise<number>;
  /** projects one event inside that transaction */
  readonly project: (envelope: EventEnvelope, tx: Tx) => Promise<unknown>;
}

/**
 * Projects a batch of replayed records in one transaction and returns how many were projected.
 * Undecodable records (UndeliverableEventError) and events the projection refuses for good (PermanentFailure) are
 * skipped, as the live consumer dead-letters them; any other error aborts the batch, and the
 * rebuild with it.
 */
export async function projectBatch<Tx>(
  projection: BatchProjection<Tx>,
  records: readonly ReceivedRecord[],
): Promise<number> {
  const envelopes = await Promise.all(records.map((record) => decodeOrSkip(projection.decoder, record)));
  return projection.transaction(async (tx) => {
    let projected = 0;
    for (const envelope of envelopes) {
      if (!envelope) continue;
      try {
        await projection.project(envelope, tx);
        projected += 1;
      } catch (error) {
        // refused before any SQL ran, so the transaction is still good; anything else aborts the rebuild
        if (!(error instanceof PermanentFailure)) throw error;
      }
    }
    return projected;
  });
}

async function decodeOrSkip(decoder: RecordDecoder, record: ReceivedRecord): Promise<EventEnvelope | undefined> {
  try {
    return await decoder.decode(record);
  } catch (error) {
    // undecodable: the live pipeline dead-lettered it, a replay cannot do better; anything else
    // (the schema registry unavailable) aborts the rebuild rather than leave the record out
    if (error instanceof UndeliverableEventError) return undefined;
    throw error;
  }
}
