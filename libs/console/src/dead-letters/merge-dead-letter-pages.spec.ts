import { encodeDeadLetterCursor, type DeadLetterPage, type DeadLetterSummary } from '@platform/dead-letters';
import { mergeDeadLetterPages } from './merge-dead-letter-pages';

/** a letter of `context` that last failed at `micros`, as a process's list answers it */
function letter(context: string, id: number, micros: number): DeadLetterSummary {
  const cursor = encodeDeadLetterCursor({ failedAtMicros: BigInt(micros), context, id: BigInt(id) });
  return { context, id: String(id), cursor } as DeadLetterSummary;
}

/** what one process answers for `limit` letters after `after` (micros), newest first */
function pageOf(letters: DeadLetterSummary[], limit: number, after?: DeadLetterSummary): DeadLetterPage {
  const order = (l: DeadLetterSummary) => [micros(l), l.context, Number(l.id)] as const;
  const sorted = [...letters].sort((a, b) => (order(a) < order(b) ? 1 : -1));
  const rest = after ? sorted.filter((l) => order(l) < order(after)) : sorted;
  const items = rest.slice(0, limit);
  return { items, nextCursor: rest.length > limit ? items[items.length - 1]!.cursor : null };
}

function micros(l: DeadLetterSummary): number {
  return Number(JSON.parse(Buffer.from(l.cursor, 'base64url').toString())[0]);
}

describe('merging the dead-letter pages of several processes', () => {
  // two processes: orders+payments here, shipping on a peer; times interleave, one tie across processes
  const here = [
    letter('orders', 1, 100),
    letter('payments', 7, 300),
    letter('orders', 2, 500),
    letter('payments', 8, 600),
  ];
  const peer = [letter('shipping', 3, 200), letter('shipping', 4, 300), letter('shipping', 5, 700)];

  it('pages through every letter of both once, newest first, in the order one process would use', () => {
    const seen: string[] = [];
    let after: DeadLetterSummary | undefined;
    for (let pages = 0; pages < 10; pages += 1) {
      const merged = mergeDeadLetterPages([pageOf(here, 2, after), pageOf(peer, 2, after)], 2);
      seen.push(...merged.items.map((l) => `${l.context}/${l.id}`));
      if (!merged.nextCursor) break;
      after = merged.items[merged.items.length - 1];
      expect(merged.nextCursor).toBe(after!.cursor);
    }
    // at 300 µs the tie goes to the greater context name first, as within one process
    expect(seen).toEqual([
      'shipping/5',
      'payments/8',
      'orders/2',
      'shipping/4',
      'payments/7',
      'shipping/3',
      'orders/1',
    ]);
  });

  it('says there is no next page only when no process has more', () => {
    expect(mergeDeadLetterPages([pageOf(here, 10), pageOf(peer, 10)], 10).nextCursor).toBeNull();
    expect(mergeDeadLetterPages([pageOf(here, 10), { items: [], nextCursor: null }], 3).nextCursor).not.toBeNull();
    expect(mergeDeadLetterPages([], 5)).toEqual({ items: [], nextCursor: null });
  });
});
