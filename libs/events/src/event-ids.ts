import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDs (v7): index-friendly and sortable by creation time. */
export function newEventId(): string {
  return uuidv7();
}

export function newCorrelationId(): string {
  return uuidv7();
}
