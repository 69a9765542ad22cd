import type { PartitionOffset } from '@platform/messaging';

/** one partition where the shadow group's committed offset differs from the live group's */
export interface OffsetGap {
  readonly topic: string;
  readonly partition: number;
  /** L: the live group's committed offset */
  readonly live: string;
  /** S: the shadow group's committed offset */
  readonly shadow: string;
  /** S - L: above 0 the shadow is ahead (it processed records the live did not), below 0 behind */
  readonly ahead: number;
}

/**
 * Pairs L and S partition by partition (ADR 0023). A partition only one side knows counts as
 * offset 0 there: a shadow with no offset on a partition the live group read is behind on it.
 */
export function offsetGaps(live: readonly PartitionOffset[], shadow: readonly PartitionOffset[]): OffsetGap[] {
  const key = (o: PartitionOffset) => `${o.topic}\u0000${o.partition}`;
  const shadowOf = new Map(shadow.map((o) => [key(o), o.offset]));
  const liveOf = new Map(live.map((o) => [key(o), o.offset]));
  const all = new Map([...shadow, ...live].map((o) => [key(o), o]));
  return [...all.values()]
    .map((o) => {
      const l = liveOf.get(key(o)) ?? '0';
      const s = shadowOf.get(key(o)) ?? '0';
      return { topic: o.topic, partition: o.partition, live: l, shadow: s, ahead: Number(BigInt(s) - BigInt(l)) };
    })
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

/** the partitions where the shadow has not processed everything the live did (S < L) */
export function behind(gaps: readonly OffsetGap[]): OffsetGap[] {
  return gaps.filter((g) => g.ahead < 0);
}

/** records the shadow processed that the live never did: the sum of S - L where S > L */
export function recordsAhead(gaps: readonly OffsetGap[]): number {
  return gaps.reduce((sum, g) => sum + Math.max(0, g.ahead), 0);
}

/** the refusal for a shadow behind the live, naming each partition and by how many records */
export function describeBehind(context: string, late: readonly OffsetGap[]): string {
  const total = late.reduce((sum, g) => sum - g.ahead, 0);
  const where = late.map((g) => `${g.topic}[${g.partition}] ${g.shadow} < ${g.live} (${-g.ahead})`).join(', ');
  return (
    `the shadow is ${total} record(s) behind the live context: ${where}. Start the shadow again (SHADOW=true) ` +
    `until \`npm run migrate -- compare ${context}\` shows no lag, stop it, and cut over again`
  );
}

export function formatGaps(gaps: readonly OffsetGap[]): string[] {
  const width = Math.max(9, ...gaps.map((g) => `${g.topic}[${g.partition}]`.length));
  return [
    `  ${'partition'.padEnd(width)}  ${'live (L)'.padStart(10)}  ${'shadow (S)'.padStart(10)}  ${'S - L'.padStart(6)}`,
    ...gaps.map(
      (g) =>
        `  ${`${g.topic}[${g.partition}]`.padEnd(width)}  ${g.live.padStart(10)}  ${g.shadow.padStart(10)}  ${String(g.ahead).padStart(6)}`,
    ),
  ];
}
