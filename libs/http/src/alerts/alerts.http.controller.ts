import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertsNow } from '@platform/observability';
import { AdminOnly } from '../admin-auth.guard';
import { AlertsResponse } from './alerts.response.dto';

export const ALERTS_ROUTE = 'admin/alerts';

/**
 * The alerts of the catalogue (docker/prometheus/alerts.yml is generated from it) as this process
 * would fire them now: what the operator console shows. Mounted by every deployable; each answers
 * from its own metrics, so for its own contexts.
 */
@ApiTags('admin: alerts')
@AdminOnly()
@Controller(ALERTS_ROUTE)
export class AlertsHttpController {
  constructor(private readonly alerts: AlertsNow) {}

  @Get()
  @ApiOperation({
    summary: 'Which alerts would fire now, judged from this process’s own metrics',
    description:
      'Each alert of docs/operations.md with its runbook, whether its condition holds now (its `for` ignored) ' +
      'and the values that decided it. The trend alerts (lag growing, consumer or relay stopped) compare with a ' +
      'reading this endpoint took 1 to 10 minutes earlier, and stay quiet until one exists. Prometheus, which ' +
      'scrapes every deployable, is the authority; this answers for the contexts this process hosts.',
  })
  @ApiOkResponse({ type: AlertsResponse })
  async list(): Promise<AlertsResponse> {
    return { evaluatedAt: new Date().toISOString(), alerts: await this.alerts.evaluate() };
  }
}
