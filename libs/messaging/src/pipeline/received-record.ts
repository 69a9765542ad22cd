import type { WireRecord } from '@platform/events';

/** A record as a consumer received it: the wire record plus where it came from. */
export interface ReceivedRecord extends WireRecord {
  readonly partition: number;
  readonly offset: string;
}
