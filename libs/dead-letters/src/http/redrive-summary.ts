import type { RedriveResult } from '../dead-letter-admin';

/** A batch re-drive's answer: how many letters went back, and how each came out. */
export function summariseRedrives(results: RedriveResult[]): {
  redriven: number;
  handled: number;
  duplicates: number;
  failedAgain: number;
  results: RedriveResult[];
} {
  const counted = (outcome: RedriveResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return {
    redriven: results.length,
    handled: counted('handled'),
    duplicates: counted('duplicate'),
    failedAgain: counted('dead_lettered'),
    results,
  };
}
