import {
  DeadLetterConsumers,
  type DeadLetterContext,
  type FailedRecord,
  type RedriveOutcome,
} from '@platform/dead-letters';
import type { ConsumerGroups } from './consumer-groups';
import type { ConsumerPipeline } from './consumer-pipeline';

/**
 * The dead-letter operations' port over this process's consumer groups: a re-drive does not go
 * through the broker, it runs the stored record where the group runs, through the same pipeline
 * and handler that failed it.
 */
export class PipelineDeadLetterConsumers extends DeadLetterConsumers {
  constructor(
    private readonly groups: ConsumerGroups,
    private readonly pipeline: ConsumerPipeline,
  ) {
    super();
  }

  contexts(): DeadLetterContext[] {
    return this.groups
      .all()
      .map((binding) => ({ context: binding.schema, dataSource: binding.deadLetters.dataSource }));
  }

  async redrive(group: string, record: FailedRecord): Promise<RedriveOutcome | undefined> {
    const subscription = this.groups.subscription(group, record.topic);
    if (!subscription) return undefined;
    // no abort signal: an operator's request waits for the retries like a consumer would
    const outcome = await this.pipeline.process(subscription, record);
    if (outcome === 'aborted') throw new Error('re-drive aborted');
    return outcome;
  }
}
