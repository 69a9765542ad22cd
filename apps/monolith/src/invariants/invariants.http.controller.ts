import { Controller, Get, Inject, Module, Query } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@platform/config';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest } from '@platform/http';
import { invariantOptions } from '../../../../scripts/invariants/cli-options';
import { checkPlatformInvariants } from './check-platform-invariants';
import { InvariantsQuery } from './invariants.query.dto';
import { InvariantsResponse } from './invariants.response.dto';

/**
 * The invariant check served by the single binary, which hosts every context: what
 * `npm run check:invariants` calls when it finds the platform running on the embedded database,
 * whose folder it may not open itself. It only reads.
 */
@ApiTags('admin: invariants')
@Controller('admin/invariants')
@AdminOnly()
export class InvariantsHttpController {
  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {}

  @Get()
  @ApiOperation({
    summary: "Check the order flow's invariants now",
    description:
      "Every invariant of docs/invariants.md over this process's databases; `ok: false` names what is wrong.",
  })
  @ApiOkResponse({ type: InvariantsResponse })
  @ApiProblem(
    400,
    'A query parameter is not a whole number in range',
    invalidRequest('settleMs', 'settleMs must not be less than 0'),
  )
  async check(@Query() query: InvariantsQuery): Promise<InvariantsResponse> {
    return checkPlatformInvariants(invariantOptions(query, this.env), this.env);
  }
}

/** Only where every context runs in this process: a split deployment checks with the CLI. */
@Module({ controllers: [InvariantsHttpController] })
export class InvariantsModule {}
