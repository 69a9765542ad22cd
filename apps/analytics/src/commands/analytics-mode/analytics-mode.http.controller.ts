import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest } from '@platform/http';
import { FailureMode } from '../../adapters/failure-mode';
import { AnalyticsModeBody } from './analytics-mode.request.dto';

/** The operator's switch for the analytics consumer's failure mode (this process only). */
@ApiTags('admin: analytics')
@Controller('admin/analytics/mode')
@AdminOnly()
export class AnalyticsModeHttpController {
  constructor(private readonly failureMode: FailureMode) {}

  @Get()
  @ApiOperation({ summary: "The analytics consumer's mode" })
  @ApiOkResponse({ type: AnalyticsModeBody })
  get(): AnalyticsModeBody {
    return { mode: this.failureMode.mode };
  }

  @Put()
  @ApiOperation({ summary: 'Switch the analytics consumer to failing (events back up, retried) or back to normal' })
  @ApiOkResponse({ type: AnalyticsModeBody })
  @ApiProblem(400, 'Unknown mode', invalidRequest('mode', 'mode must be one of the following values: normal, failing'))
  set(@Body() body: AnalyticsModeBody): AnalyticsModeBody {
    this.failureMode.switchTo(body.mode);
    return { mode: this.failureMode.mode };
  }
}
