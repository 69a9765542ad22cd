import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest } from '@platform/http';
import { ConsolePeers } from '../console-peers';
import type { FlowView } from './flow-view';
import { FlowQuery } from './flow.query.dto';
import { FlowResponse } from './flow.response.dto';
import { LocalFlow } from './local-flow';
import { mergeFlowViews } from './merge-flow-views';

/** The console's Flow view: how events move through every context and consumer group, now. */
@ApiTags('admin: console')
@AdminOnly()
@Controller('admin/console/flow')
export class FlowHttpController {
  constructor(
    private readonly local: LocalFlow,
    private readonly peers: ConsolePeers,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Lag per partition, outbox backlogs, rates, failures and saga steps, per context and consumer group',
    description:
      'Read now from the same sources as /metrics; rates are per second since the previous reading at least 1 s ' +
      'old. Merges the parts of the CONSOLE_PEERS unless scope=local; a peer that does not answer is a source ' +
      'with its error.',
  })
  @ApiOkResponse({ type: FlowResponse })
  @ApiProblem(400, 'scope is not local', invalidRequest('scope', 'scope must be one of the following values: local'))
  async flow(@Query() query: FlowQuery): Promise<FlowResponse> {
    const local = await this.local.read();
    if (query.scope === 'local' || this.peers.urls.length === 0) return local;
    return mergeFlowViews(local, await this.peers.ask<FlowView>('/admin/console/flow'));
  }
}
