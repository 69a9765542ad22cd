/**
 * Text PostgreSQL cannot store: its `text` and `jsonb` refuse U+0000, and UTF-8 (the database
 * encoding) has no bytes for a lone UTF-16 surrogate, which JSON's `\ud800` escape can carry and
 * which the e-mail validator chokes on. Refused at the edge, so no request reaches the database
 * (or a validator) with it.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** why `text` cannot be stored, or undefined when it can */
export function unstorableText(text: string): string | undefined {
  if (text.includes('\0')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate (not valid Unicode text)';
  return undefined;
}
