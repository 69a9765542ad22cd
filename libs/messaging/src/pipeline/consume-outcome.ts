/** How the pipeline finished a record; `aborted`: the consumer stopped first, so it is delivered again. */
export type ConsumeOutcome = 'handled' | 'duplicate' | 'dead_lettered' | 'aborted';
