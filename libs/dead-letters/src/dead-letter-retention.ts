/**
 * Settled dead letters (resolved, redriven, discarded) are deleted `retentionMs` after they were
 * settled; a pending letter never is, however old. A letter that a newer one was re-driven from
 * (`redriven_from`) stays while the newer one exists: the chain of attempts is deleted from its
 * newest end, so a pending letter keeps its whole history, and the foreign key never refuses.
 * The status list is explicit, so a status added later is kept until someone decides otherwise.
 * The job is a RetentionJob of messaging's sweeper, by shape: this library sits below messaging.
 */
export function deadLetterRetention(schema: string, retentionMs: number) {
  return {
    table: 'dead_letters',
    retentionMs,
    agedBy: 'resolved_at',
    where: `t.status IN ('resolved', 'redriven', 'discarded')
      AND NOT EXISTS (SELECT 1 FROM ${schema}.dead_letters AS newer WHERE newer.redriven_from = t.id)`,
  };
}
