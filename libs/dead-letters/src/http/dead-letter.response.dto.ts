import { ApiProperty } from '@nestjs/swagger';
import { DEAD_LETTER_STATUSES } from '../dead-letter';

export class DeadLetterSummaryResponse {
  @ApiProperty({ example: 'payments', description: 'the consuming context whose dead_letters table holds it' })
  context!: string;

  @ApiProperty({ example: '42', description: 'unique within its context' })
  id!: string;

  @ApiProperty({ example: 'payments' })
  group!: string;

  @ApiProperty({ example: 'payments.authorize-payment.v1', description: 'the source topic' })
  topic!: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 3 })
  partition!: number | null;

  @ApiProperty({ type: 'string', nullable: true, example: '1187' })
  offset!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e' })
  key!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: '0192f5a4-7c1f-7000-8000-0000000000a1' })
  eventId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'payments.authorize-payment' })
  eventType!: string | null;

  @ApiProperty({ example: 'EVENT.UNDECODABLE', description: 'stable error code: filter and alert on it' })
  errorCode!: string;

  @ApiProperty({ example: 'payments.authorize-payment.v1: cannot decode Avro body: truncated Avro body' })
  errorMessage!: string;

  @ApiProperty({ type: 'integer', example: 1, description: 'handler attempts made before it was dead-lettered' })
  attempts!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T10:00:00.000Z' })
  firstFailedAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-25T10:00:01.250Z' })
  lastFailedAt!: string;

  @ApiProperty({
    enum: DEAD_LETTER_STATUSES,
    example: 'pending',
    description:
      'pending: waits for an operator; resolved: re-driven and handled; redriven: re-driven and failed again ' +
      '(a new letter records that); discarded: dropped with a reason',
  })
  status!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, example: null })
  resolvedAt!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: null, description: 'how it was settled, or why discarded' })
  resolution!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: null, description: 'the letter this re-drive came from' })
  redrivenFrom!: string | null;

  @ApiProperty({ type: 'integer', example: 212, description: 'size of the stored value' })
  valueBytes!: number;

  @ApiProperty({
    example: 'WyIxNzY0MDAwMDAwMDAwMDAwIiwicGF5bWVudHMiLCI0MiJd',
    description:
      'the cursor that lists the letters after this one: its place in the order every process shares, so pages ' +
      'from several processes can be merged',
  })
  cursor!: string;
}

export class DeadLetterDetailsResponse extends DeadLetterSummaryResponse {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'event-id': '0192f5a4-7c1f-7000-8000-0000000000a1', 'event-type': 'payments.authorize-payment' },
  })
  headers!: Record<string, string>;

  @ApiProperty({ format: 'byte', example: 'SGVsbG8=', description: 'the original value byte for byte, base64' })
  valueBase64!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'UndeliverableEventError' })
  errorClass!: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'UndeliverableEventError: ...\n    at AvroCodec.decode' })
  errorStack!: string | null;
}

export class DeadLetterPageResponse {
  @ApiProperty({ type: [DeadLetterSummaryResponse] })
  items!: DeadLetterSummaryResponse[];

  @ApiProperty({ type: 'string', nullable: true, example: 'WyIxNzY0MDAwMDAwMDAwMDAwIiwicGF5bWVudHMiLCI0MiJd' })
  nextCursor!: string | null;
}

export class RedriveResultResponse {
  @ApiProperty({ example: 'payments' })
  context!: string;

  @ApiProperty({ example: '42' })
  id!: string;

  @ApiProperty({
    enum: ['handled', 'duplicate', 'dead_lettered'],
    example: 'handled',
    description: 'handled; duplicate: the inbox shows it was handled already; dead_lettered: it failed again',
  })
  outcome!: string;

  @ApiProperty({ enum: ['resolved', 'redriven'], example: 'resolved', description: "the letter's new status" })
  status!: string;

  @ApiProperty({ type: 'string', nullable: true, example: null, description: 'the letter recording a new failure' })
  newDeadLetterId!: string | null;
}

export class RedriveBatchResponse {
  @ApiProperty({ type: 'integer', example: 3, description: 'letters re-driven by this request' })
  redriven!: number;

  @ApiProperty({ type: 'integer', example: 2 })
  handled!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  duplicates!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  failedAgain!: number;

  @ApiProperty({ type: [RedriveResultResponse] })
  results!: RedriveResultResponse[];
}

export class DeadLetterCountResponse {
  @ApiProperty({ type: 'integer', example: 7, description: 'letters that match the filters' })
  count!: number;
}

export class LetterRefResponse {
  @ApiProperty({ example: 'payments' })
  context!: string;

  @ApiProperty({ example: '42' })
  id!: string;
}

export class DiscardBatchResponse {
  @ApiProperty({ type: 'integer', example: 3, description: 'letters discarded by this request' })
  discarded!: number;

  @ApiProperty({ type: [LetterRefResponse], description: 'the letters discarded, oldest first' })
  letters!: LetterRefResponse[];
}
