/** How far a replay is, for a progress bar. */
export interface ReplayProgress {
  /** records read so far (projected or skipped) */
  readonly done: number;
  /** records to replay, as counted when the replay started */
  readonly total: number;
  /**
   * Kafka only: records on the replayed topics not read yet, up to the newest high watermarks:
   * what is left to the end offsets plus what was produced since (left to the live consumer
   * after the switch)
   */
  readonly lag?: number;
  readonly elapsedMs: number;
}
