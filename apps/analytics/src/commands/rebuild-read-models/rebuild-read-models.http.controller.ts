import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem } from '@platform/http';
import { OnlineRebuild } from '../../rebuild/online-rebuild';
import { RebuildStatusResponse } from './rebuild-status.response.dto';

/**
 * The analytics rebuild through the running platform: what `npm run analytics:rebuild` calls when
 * it finds the platform running on the default set-up, and what an operator can call directly.
 */
@ApiTags('admin: analytics')
@Controller('admin/analytics/rebuild')
@AdminOnly()
export class RebuildHttpController {
  constructor(private readonly rebuild: OnlineRebuild) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild the analytics read models from the retained log while the platform runs',
    description:
      'Pauses only the analytics consumer, empties the read models, replays every retained event and resumes ' +
      'the consumer; follow it with GET. In-process transport only.',
  })
  @ApiAcceptedResponse({ type: RebuildStatusResponse, description: 'Started' })
  @ApiProblem(
    409,
    'A rebuild is running already, or the transport is Kafka (rebuild with the CLI there)',
    {
      code: 'ANALYTICS.REBUILD_RUNNING',
      detail: 'A rebuild is running already: follow it with GET /admin/analytics/rebuild.',
    },
    {
      code: 'ANALYTICS.REBUILD_OFFLINE_ONLY',
      detail:
        'On Kafka the analytics consumer may run in another process: stop it and run `npm run analytics:rebuild` ' +
        '(apps/analytics/README.md#rebuild).',
    },
  )
  start(): RebuildStatusResponse {
    return this.rebuild.start();
  }

  @Get()
  @ApiOperation({ summary: 'Where the last analytics rebuild stands: its progress, or its result' })
  @ApiOkResponse({ type: RebuildStatusResponse })
  status(): RebuildStatusResponse {
    return this.rebuild.status();
  }
}
