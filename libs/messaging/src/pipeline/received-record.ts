import type { WireRecord } from '@platform/events';

/** A record as a consumer received it: the wire record plus where it came from. */
export interface ReceivedRecord extends WireRecord {
  readonly partition: number;
  readonly offset: string;
  /** set when an operator re-drives a dead letter: the id of that letter, kept on a new one if it fails again */
  readonly redriveOf?: string;
}
