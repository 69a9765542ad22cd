import { ApiProperty } from '@nestjs/swagger';

export class AlertResponse {
  @ApiProperty({ example: 'DeadLettersPending', description: 'the Prometheus alert name' })
  name!: string;

  @ApiProperty({ enum: ['warning', 'critical'], example: 'warning' })
  severity!: 'warning' | 'critical';

  @ApiProperty({
    enum: ['firing', 'quiet'],
    example: 'firing',
    description: "whether the alert's condition holds now in this process, ignoring its `for`",
  })
  state!: 'firing' | 'quiet';

  @ApiProperty({ example: 'Dead letters wait for an operator' })
  summary!: string;

  @ApiProperty({
    example:
      'Open /console#/dead-letters (or `npm run dead-letters -- list`), fix the cause, then re-drive or discard ' +
      'each letter. docs/operations.md#deadletterspending',
    description: 'what to do first, and where the runbook is',
  })
  runbook!: string;

  @ApiProperty({ example: 'docs/operations.md#deadletterspending', description: "the alert's section of the docs" })
  docs!: string;

  @ApiProperty({
    type: [String],
    example: ['context=payments group=payments: pending 2 > 0'],
    description: 'the values that decided the state: the series above the threshold, or the highest one when quiet',
  })
  details!: string[];

  @ApiProperty({ example: 'max by (context, group) (dead_letters_pending) > 0', description: "Prometheus' rule" })
  expr!: string;

  @ApiProperty({ example: '1m', description: 'how long Prometheus waits with the condition true before it fires' })
  for!: string;
}

export class AlertsResponse {
  @ApiProperty({ format: 'date-time', example: '2026-12-07T10:00:00.000Z' })
  evaluatedAt!: string;

  @ApiProperty({ type: [AlertResponse] })
  alerts!: AlertResponse[];
}
