import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a presented credential is the expected one, in time that depends on neither: both are
 * hashed to SHA-256 first, so the comparison always runs over 32 bytes whatever their length or
 * characters (a length check first would tell the length by timing, and timingSafeEqual throws
 * on buffers of different byte length, which non-ASCII characters of the right count make).
 */
export function sameCredential(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected)) && expected.length > 0;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
