import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';

/** The library's /metrics endpoint, documented like the platform's other operations endpoints. */
@ApiTags('operations')
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format), every series labelled with the service' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'the metrics',
    schema: { type: 'string', example: 'outbox_backlog{service="monolith",context="orders"} 0' },
  })
  override index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}
