/** How far a replay is, for a progress bar. */
export interface ReplayProgress {
  /** records read so far (projected or skipped) */
  readonly done: number;
  /** records between the start offsets and the end offsets taken when the replay started */
  readonly total: number;
  /**
   * records on the replayed topics not read yet, up to the newest high watermarks: what is left
   * to the end offsets plus what was produced since (left to the live consumer after the switch)
   */
  readonly lag: number;
  readonly elapsedMs: number;
}
