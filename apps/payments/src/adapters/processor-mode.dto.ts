import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PROCESSOR_MODES, type ProcessorMode } from './processor-modes';

/** The fake processor's failure mode: the request body of PUT and the answer of GET and PUT. */
export class ProcessorModeDto {
  @ApiProperty({
    enum: PROCESSOR_MODES,
    example: 'decline-all',
    description:
      'normal: by test token; decline-all: every authorisation declined; fail-all: every call fails transiently (retried, then declined PROCESSOR_UNAVAILABLE)',
  })
  @IsIn(PROCESSOR_MODES)
  mode!: ProcessorMode;
}
