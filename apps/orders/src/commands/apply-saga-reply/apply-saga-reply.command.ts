import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { MessageOrigin } from '@platform/messaging';
import type { SagaInput } from '../../domain/order-saga.types';

/**
 * Feed a reply (another context's answer or news about the order) to the order's saga, as one
 * step. Sent by the consumer pipeline, so it runs in that transaction, caused by the reply.
 */
export class ApplySagaReplyCommand extends Command<Refusable<void>> {
  constructor(
    readonly orderId: string,
    readonly input: SagaInput,
    readonly origin: Pick<MessageOrigin, 'tx' | 'metadata'>,
  ) {
    super();
  }
}
