import type { KeyedLane } from './keyed-lane';

/** how takeKeysAtOnce reads a record of either transport */
export interface KeyedRecord<R> {
  keyOf(record: R): string;
  offsetOf(record: R): bigint;
}

/**
 * A batch of one partition's records, one chain per key in offset order, the chains at once: the
 * records of different keys reach the pipeline together and share a consumer transaction (a set,
 * docs/adr/0026-work-in-sets.md), and one key's records still run one after another. Every
 * record is reserved in the lane first, so a commit never passes one that was not taken yet.
 * Once the batch must stop, or a record could not be finished at all, no chain takes another
 * record; the first failure is rethrown once the records in progress are done. Resolves true when
 * every record was taken (finished, or set aside with its key). Both transports use it.
 */
export async function takeKeysAtOnce<R>(
  records: readonly R[],
  read: KeyedRecord<R>,
  lane: KeyedLane,
  stopping: () => boolean,
  take: (record: R) => Promise<boolean>,
): Promise<boolean> {
  for (const record of records) lane.reserve(read.offsetOf(record));
  let stopped = false;
  const chains = new Map<string, Promise<void>>();
  for (const record of records) {
    const key = read.keyOf(record);
    const previous = chains.get(key) ?? Promise.resolve();
    chains.set(
      key,
      previous.then(async () => {
        if (stopped || stopping()) {
          stopped = true;
          return;
        }
        try {
          if (!(await take(record))) stopped = true;
        } catch (error) {
          stopped = true;
          throw error;
        }
      }),
    );
  }
  const failed = (await Promise.allSettled(chains.values())).find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return !stopped;
}
