/**
 * A stable 32-bit hash of a partition key (FNV-1a over UTF-8), so the same key always lands in
 * the same outbox lane or in-process partition, across processes and restarts.
 */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function bucketOf(key: string, buckets: number): number {
  return keyHash(key) % buckets;
}
