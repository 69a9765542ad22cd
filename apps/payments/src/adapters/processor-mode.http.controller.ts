import { Body, Controller, Get, HttpCode, Logger, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest } from '@platform/http';
import { FakePaymentProcessor } from './fake-payment-processor';
import { ProcessorModeDto } from './processor-mode.dto';

/** Operators and fault-injection tests switch the fake processor's failure mode at run time. */
@ApiTags('admin: payments')
@AdminOnly()
@Controller('admin/payments/processor-mode')
export class ProcessorModeHttpController {
  private readonly logger = new Logger('ProcessorMode');

  constructor(private readonly processor: FakePaymentProcessor) {}

  @Get()
  @ApiOperation({ summary: "The fake payment processor's current failure mode" })
  @ApiOkResponse({ type: ProcessorModeDto, description: 'the current mode' })
  current(): ProcessorModeDto {
    return { mode: this.processor.currentMode };
  }

  @Put()
  @HttpCode(200)
  @ApiOperation({ summary: "Switch the fake payment processor's failure mode (this process only)" })
  @ApiOkResponse({ type: ProcessorModeDto, description: 'the mode now in force' })
  @ApiProblem(
    400,
    'mode is missing or unknown',
    invalidRequest('mode', 'mode must be one of the following values: normal, decline-all, fail-all'),
  )
  switch(@Body() body: ProcessorModeDto): ProcessorModeDto {
    this.processor.switchTo(body.mode);
    this.logger.warn(`fake payment processor switched to ${body.mode}`);
    return { mode: this.processor.currentMode };
  }
}
