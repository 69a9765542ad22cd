import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DeadLetterConsumers } from '@platform/dead-letters';
import { AdminOnly, PLATFORM_SERVICE } from '@platform/http';

export class ConsoleSessionResponse {
  @ApiProperty({ example: 'monolith', description: 'the deployable that serves this console' })
  service!: string;

  @ApiProperty({
    example: ['orders', 'inventory', 'payments', 'shipping', 'notifications', 'loyalty', 'analytics'],
    description: 'the bounded contexts this process runs, whose consumer groups it operates',
  })
  contexts!: string[];
}

/**
 * What the console's log-in asks first: a 200 says the token is right (a wrong one gets the admin
 * API's 401 problem), and names the process and its contexts for the page's header.
 */
@ApiTags('admin: console')
@AdminOnly()
@Controller('admin/console/session')
export class ConsoleSessionHttpController {
  constructor(
    @Inject(PLATFORM_SERVICE) private readonly service: string,
    private readonly consumers: DeadLetterConsumers,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Check the admin token and name this process and its contexts (the console logs in here)' })
  @ApiOkResponse({ type: ConsoleSessionResponse })
  session(): ConsoleSessionResponse {
    const contexts = [...new Set(this.consumers.contexts().map((c) => c.context))].sort();
    return { service: this.service, contexts };
  }
}
