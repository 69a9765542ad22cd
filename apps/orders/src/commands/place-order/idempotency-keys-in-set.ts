import type { IdempotencyKeyClaim, StoredIdempotencyKey } from '../../persistence/idempotency-key.repository';

// How idempotency keys settle a set of POST /orders placed together, the way they would settle the
// same requests placed one after another in the order they came. Requests are priced first, and
// only a request that priced claims its key: a refused request never holds a key, so there is
// nothing to take back. Per key, the first request of the set that priced claims it; one that
// came before it was refused by the price list and stays refused; one that comes after it is its
// replay (same body) or a reuse of its key (another body). A key already stored, and not expired,
// decides for every request of the set that names it, priced or not: a replay answers with the
// stored order without looking at prices, another body is a reuse.

/** what the set knows of a request when keys are claimed */
export interface RequestInSet {
  /** its Idempotency-Key and the fingerprint of its body, when it has a key */
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
  /** the order it places if it places one */
  readonly orderId: string;
  /** false when the price list refused it */
  readonly priced: boolean;
}

export type KeyOutcome =
  /** places its order: it now owns its key, or it has none */
  | { readonly kind: 'place' }
  /** its refusal by the price list stands */
  | { readonly kind: 'refused' }
  /** answers with the order an earlier request placed with this key and body */
  | { readonly kind: 'replay'; readonly orderId: string }
  /** the key was used for another body: ORDER.IDEMPOTENCY_KEY_REUSED */
  | { readonly kind: 'reused' };

/** the rows to claim: per key, the first request of the set with that key that priced */
export function claimsOf(requests: readonly RequestInSet[]): IdempotencyKeyClaim[] {
  return [...claimantsOf(requests).values()].map((index) => {
    const { idempotency, orderId } = requests[index];
    return { key: idempotency!.key, requestHash: idempotency!.requestHash, orderId };
  });
}

/** the keys of the set that no request claims, or whose claim conflicted: their stored rows decide */
export function keysToRead(requests: readonly RequestInSet[], claimed: ReadonlySet<string>): string[] {
  const keys = requests.flatMap((request) => (request.idempotency ? [request.idempotency.key] : []));
  return [...new Set(keys)].filter((key) => !claimed.has(key));
}

/**
 * Each request's outcome. `claimed`: the keys the set now owns (claimsOf, written);
 * `stored`: the live rows of the keys it does not own (keysToRead, read).
 */
export function keyOutcomes(
  requests: readonly RequestInSet[],
  claimed: ReadonlySet<string>,
  stored: ReadonlyMap<string, StoredIdempotencyKey>,
): KeyOutcome[] {
  const claimants = claimantsOf(requests);
  return requests.map(({ idempotency, priced }, index): KeyOutcome => {
    if (!idempotency) return priced ? { kind: 'place' } : { kind: 'refused' };
    const earlier = stored.get(idempotency.key);
    if (earlier) return answerTo(idempotency.requestHash, earlier);
    const claimant = claimants.get(idempotency.key);
    if (claimant === undefined || index < claimant) return { kind: 'refused' };
    if (!claimed.has(idempotency.key)) {
      throw new Error(`idempotency key ${idempotency.key} conflicted but cannot be read`);
    }
    if (index === claimant) return { kind: 'place' };
    const owner = requests[claimant];
    return answerTo(idempotency.requestHash, { requestHash: owner.idempotency!.requestHash, orderId: owner.orderId });
  });
}

/** per key, the index of the request that claims it */
function claimantsOf(requests: readonly RequestInSet[]): Map<string, number> {
  const claimants = new Map<string, number>();
  requests.forEach(({ idempotency, priced }, index) => {
    if (idempotency && priced && !claimants.has(idempotency.key)) claimants.set(idempotency.key, index);
  });
  return claimants;
}

function answerTo(requestHash: string, owner: StoredIdempotencyKey): KeyOutcome {
  return owner.requestHash === requestHash ? { kind: 'replay', orderId: owner.orderId } : { kind: 'reused' };
}
