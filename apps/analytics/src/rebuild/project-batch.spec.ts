import { AvroCodec, EnvelopeCodec, EventCatalogue, type EventEnvelope } from '@platform/events';
import { PermanentFailure, type ReceivedRecord } from '@platform/messaging';
import { TEST_CONTRACTS, TestEventV1Contract, type TestEventV1 } from '@platform/testing';
import { projectBatch, type BatchProjection } from './project-batch';

// What both rebuild paths (in-process log, Kafka) do with one batch: decode, project in one
// transaction, skip what the live consumer would dead-letter, abort on anything else.
describe('projectBatch', () => {
  const codec = new EnvelopeCodec(new EventCatalogue(TEST_CONTRACTS), new AvroCodec());

  function record(seq: number, offset: number): ReceivedRecord {
    const envelope: EventEnvelope<TestEventV1> = {
      eventId: `0190a6b2-7c1e-7d3a-9f00-00000000000${seq}`,
      type: TestEventV1Contract.type,
      version: TestEventV1Contract.version,
      key: 'thing-1',
      occurredAt: '2026-11-20T09:00:00.000Z',
      producer: 'platformtest',
      correlationId: 'corr-1',
      payload: { entityId: 'thing-1', seq, note: '' },
    };
    return { ...codec.encode(envelope), partition: 0, offset: String(offset) };
  }

  const garbage = (offset: number): ReceivedRecord => ({ ...record(9, offset), value: Buffer.from('not avro') });

  /** a projection that records seqs in a "transaction" kept (committed) only if its work returned */
  function projection(refuse: (seq: number) => Error | undefined = () => undefined) {
    const committed: number[] = [];
    const transactions: string[] = [];
    const batch: BatchProjection<number[]> = {
      decoder: codec,
      transaction: async (work) => {
        transactions.push('opened');
        const tx: number[] = [];
        const projected = await work(tx);
        committed.push(...tx);
        return projected;
      },
      project: async (envelope, tx) => {
        const { seq } = envelope.payload as TestEventV1;
        const refusal = refuse(seq);
        if (refusal) throw refusal;
        tx.push(seq);
      },
    };
    return { batch, committed, transactions };
  }

  it('projects every record in one transaction, in order, and counts them', async () => {
    // given
    const { batch, committed, transactions } = projection();
    // when
    const projected = await projectBatch(batch, [record(1, 10), record(2, 11), record(3, 12)]);
    // then
    expect(projected).toBe(3);
    expect(committed).toEqual([1, 2, 3]);
    expect(transactions).toEqual(['opened']);
  });

  it('skips an undecodable record and an event refused for good, and projects the rest', async () => {
    // given
    const { batch, committed } = projection((seq) => (seq === 2 ? new PermanentFailure('X.BAD', 'no') : undefined));
    // when
    const projected = await projectBatch(batch, [record(1, 10), garbage(11), record(2, 12), record(3, 13)]);
    // then
    expect(projected).toBe(2);
    expect(committed).toEqual([1, 3]);
  });

  it('aborts the batch on any other error: nothing of it is kept', async () => {
    // given
    const { batch, committed } = projection((seq) => (seq === 2 ? new Error('deadlock') : undefined));
    // when / then
    await expect(projectBatch(batch, [record(1, 10), record(2, 11)])).rejects.toThrow('deadlock');
    expect(committed).toEqual([]);
  });
});
