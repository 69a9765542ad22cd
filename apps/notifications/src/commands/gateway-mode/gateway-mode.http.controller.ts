import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest } from '@platform/http';
import { FakeEmailGateway } from '../../adapters/fake-email-gateway';
import { GatewayModeRequest, GatewayModeResponse } from './gateway-mode.request.dto';

/** Takes the fake e-mail gateway down or back up at run time, for demos and fault drills. Per process. */
@ApiTags('admin: notifications')
@Controller('admin/notifications/gateway-mode')
@AdminOnly()
export class GatewayModeHttpController {
  constructor(private readonly gateway: FakeEmailGateway) {}

  @Get()
  @ApiOperation({ summary: "The fake e-mail gateway's mode" })
  @ApiOkResponse({ type: GatewayModeResponse })
  get(): GatewayModeResponse {
    return this.gateway.state();
  }

  @Put()
  @ApiOperation({ summary: 'Take the fake e-mail gateway down or bring it back (refused sends are retried)' })
  @ApiOkResponse({ type: GatewayModeResponse })
  @ApiProblem(
    400,
    'Unknown mode',
    invalidRequest('mode', 'mode must be one of the following values: normal, down, slow'),
  )
  set(@Body() body: GatewayModeRequest): GatewayModeResponse {
    this.gateway.setMode(body.mode);
    return this.gateway.state();
  }
}
