import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@platform/http';
import { FakeCarrier } from '../../adapters/fake-carrier';
import { ProblemResponse } from '@platform/http';
import { CarrierModeRequest, CarrierModeResponse } from './carrier-mode.request.dto';

/** Switches the fake carrier's failure mode at run time, for demos and fault drills. Per process. */
@ApiTags('shipping (admin)')
@Controller('admin/shipping/carrier-mode')
@AdminOnly()
export class CarrierModeHttpController {
  constructor(private readonly carrier: FakeCarrier) {}

  @Get()
  @ApiOperation({ summary: "The fake carrier's failure mode" })
  @ApiOkResponse({ type: CarrierModeResponse })
  get(): CarrierModeResponse {
    return this.carrier.state();
  }

  @Put()
  @ApiOperation({ summary: "Switch the fake carrier's failure mode (refused calls are retried by the consumer)" })
  @ApiOkResponse({ type: CarrierModeResponse })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'Unknown mode (problem+json)' })
  set(@Body() body: CarrierModeRequest): CarrierModeResponse {
    this.carrier.setMode(body.mode);
    return this.carrier.state();
  }
}
