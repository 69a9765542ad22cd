import type { Client } from 'pg';
import type { GroupTakeover, PartitionOffset, ShadowComparison, ShadowRun } from '@platform/messaging';

export interface CutOverOptions {
  readonly liveDatabase: string;
  readonly shadowDatabase: string;
  readonly dryRun?: boolean;
  /** cut over although the comparison shows mismatched, missing or extra outputs */
  readonly force?: boolean;
  /** undo a cut-over whose new deployment has done nothing yet (cut-back.ts) */
  readonly back?: boolean;
}

/** where the command writes: the report on `out`, refusals on `err` */
export interface CutOverOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface CutOverParts {
  readonly live: Client;
  readonly shadow: Client;
  /** seated in the live and the shadow group: commits into them */
  readonly takeover: Pick<GroupTakeover, 'commit'>;
  /** a group's committed offsets on the topics the context reads, by its name on the cluster */
  readonly committed: (clusterGroupId: string) => Promise<PartitionOffset[]>;
  readonly run: ShadowRun;
  readonly comparison: ShadowComparison;
  /** performance.now() when the command started */
  readonly started: number;
}
