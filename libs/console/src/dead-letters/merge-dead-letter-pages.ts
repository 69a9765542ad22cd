import {
  compareNewestFirst,
  decodeDeadLetterCursor,
  type DeadLetterPage,
  type DeadLetterSummary,
} from '@platform/dead-letters';

/**
 * One page out of the pages several processes gave for the same filter and cursor. Every process
 * orders its letters the same way (last failure, context, id; newest first) and each item carries
 * its place in that order, so the newest `limit` of the union are exactly the next `limit` letters
 * of the whole deployment, and the last one's cursor continues after them everywhere.
 */
export function mergeDeadLetterPages(pages: readonly DeadLetterPage[], limit: number): DeadLetterPage {
  const placed = pages
    .flatMap((page) => page.items)
    .map((letter: DeadLetterSummary) => ({ letter, at: decodeDeadLetterCursor(letter.cursor) }))
    .sort((a, b) => compareNewestFirst(a.at, b.at));
  const items = placed.slice(0, limit).map((entry) => entry.letter);
  const more = placed.length > limit || pages.some((page) => page.nextCursor !== null);
  return { items, nextCursor: more && items.length > 0 ? items[items.length - 1]!.cursor : null };
}
