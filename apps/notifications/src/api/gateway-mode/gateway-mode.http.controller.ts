import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@platform/http';
import { FakeEmailGateway } from '../../adapters/fake-email-gateway';
import { ProblemResponse } from '@platform/http';
import { GatewayModeRequest, GatewayModeResponse } from './gateway-mode.request.dto';

/** Takes the fake e-mail gateway down or back up at run time, for demos and fault drills. Per process. */
@ApiTags('notifications (admin)')
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
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'Unknown mode (problem+json)' })
  set(@Body() body: GatewayModeRequest): GatewayModeResponse {
    this.gateway.setMode(body.mode);
    return this.gateway.state();
  }
}
