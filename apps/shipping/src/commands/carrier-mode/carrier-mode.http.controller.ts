import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest } from '@platform/http';
import { FakeCarrier } from '../../adapters/fake-carrier';
import { CarrierModeRequest, CarrierModeResponse } from './carrier-mode.request.dto';

/** Switches the fake carrier's failure mode at run time, for demos and fault drills. Per process. */
@ApiTags('admin: shipping')
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
  @ApiProblem(
    400,
    'Unknown mode',
    invalidRequest('mode', 'mode must be one of the following values: normal, fail-transiently, down'),
  )
  set(@Body() body: CarrierModeRequest): CarrierModeResponse {
    this.carrier.setMode(body.mode);
    return this.carrier.state();
  }
}
