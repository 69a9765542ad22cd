import { MESSAGING_SCHEMA, readHandoverMark, removeHandoverMark } from '@platform/messaging';
import { EXIT, Refusal } from '../exit-codes';
import { openMessagingLog } from './messaging-log';
import type { HandoverIo } from './run-handover';

/**
 * Removes the hand-over mark, so the single binary may start in-process again. The records
 * produced to Kafka stay there; the in-process groups resume from their committed offsets. Only
 * right after a hand-over, before anything ran on Kafka: what the platform did on Kafka since is
 * not carried back (docs/deploy.md).
 */
export async function undoHandover(flags: { dryRun: boolean }, io: HandoverIo): Promise<number> {
  const log = await openMessagingLog(io.env);
  try {
    const mark = await readHandoverMark(log.db, MESSAGING_SCHEMA);
    if (!mark) throw new Refusal(`the in-process log at ${log.where} is not marked handed over: nothing to undo`);
    const what = `the hand-over mark of ${log.where} (${mark.state} ${(mark.completedAt ?? mark.startedAt).toISOString()}, ${mark.kafkaBrokers})`;
    if (flags.dryRun) {
      io.out(`dry run: would remove ${what}`);
      return EXIT.done;
    }
    await removeHandoverMark(log.db, MESSAGING_SCHEMA);
    io.out(
      `handover --undo: removed ${what}; the in-process transport may start on this log again. ` +
        'What ran on Kafka since the hand-over is not carried back',
    );
    return EXIT.done;
  } finally {
    await log.close();
  }
}
