import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: databases reachable and outbox relays running (503 otherwise)' })
  async ready(
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<{ status: 'up' | 'down'; checks: Record<string, string> }> {
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
