import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { LivenessResponse, ReadinessResponse } from './health.response.dto';
import { ReadinessChecks } from './readiness';

const CHECK_TIMEOUT_MS = 2000;

/**
 * Liveness says the process answers; readiness says it can do its work (every database
 * reachable, every relay running). Orchestrators restart on the first, route on the second.
 */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessChecks) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessResponse {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: databases reachable and outbox relays running (503 otherwise)' })
  @ApiExtraModels(ReadinessResponse)
  @ApiOkResponse({ type: ReadinessResponse, description: 'every check is up: route traffic here' })
  @ApiResponse({
    status: HttpStatus.SERVICE_UNAVAILABLE,
    description: 'a check is down: the same shape, with status down and why each failing check failed',
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(ReadinessResponse) },
        example: {
          status: 'down',
          checks: {
            'database:orders': 'down: connect ECONNREFUSED 127.0.0.1:5432',
            'relay:orders': 'up',
            'database:messaging': 'up',
          },
        },
      },
    },
  })
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }): Promise<ReadinessResponse> {
    const results = await Promise.all(
      this.readiness.all().map(async (c) => [c.name, await runCheck(c.check.bind(c))] as const),
    );
    const checks = Object.fromEntries(results);
    const up = results.every(([, result]) => result === 'up');
    res.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: up ? 'up' : 'down', checks };
  }
}

async function runCheck(check: () => Promise<void>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch (error) {
    return `down: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}
