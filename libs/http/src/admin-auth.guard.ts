import {
  applyDecorators,
  Inject,
  Injectable,
  Optional,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@platform/config';
import { ApiBearerAuth } from '@nestjs/swagger';
import { loadOrCreateAdminToken } from './admin-token';
import { ApiProblem } from './api-problem.decorator';
import { sameCredential } from './edge/same-credential';
import { ProblemException } from './problem-details.filter';

let startToken: string | undefined;

/** Called once at start (bootstrap) with the token it loaded or made and logged. */
export function useAdminToken(token: string): void {
  startToken = token;
}

/**
 * The operator credential: the app's own ADMIN_TOKEN (tests start apps with different ones in one
 * process), else the one bootstrap loaded; an app built without bootstrap (a test module) loads
 * it on first use.
 */
export function adminToken(env: Environment): string {
  const configured = env.ADMIN_TOKEN?.trim();
  if (configured) return configured;
  startToken ??= loadOrCreateAdminToken(env).token;
  return startToken;
}

/** `Bearer <token>`, the scheme in any case (RFC 9110: schemes are case-insensitive) */
const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;

interface AdminExchange {
  headers: Record<string, unknown>;
}
interface HeaderSetter {
  setHeader(name: string, value: string): void;
}

/**
 * Refuses a request without `Authorization: Bearer <ADMIN_TOKEN>` with 401 problem+json and
 * `WWW-Authenticate`. Every admin answer, refusals included, is marked `Cache-Control: no-store`:
 * what an operator sees must not linger in a cache.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Optional() @Inject(ENVIRONMENT) private readonly env: Environment = {}) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const response = http.getResponse<HeaderSetter>();
    response.setHeader('Cache-Control', 'no-store');
    const header = http.getRequest<AdminExchange>().headers.authorization;
    const given = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
    if (given !== undefined && sameCredential(given, adminToken(this.env))) return true;
    response.setHeader(
      'WWW-Authenticate',
      `Bearer realm="admin"${given === undefined ? '' : ', error="invalid_token"'}`,
    );
    throw new ProblemException({
      status: 401,
      code: 'ADMIN.UNAUTHORIZED',
      detail:
        given === undefined
          ? 'This endpoint needs Authorization: Bearer <ADMIN_TOKEN>.'
          : 'The admin credential is not valid.',
    });
  }
}

/** Marks a controller or route as an operator's: guarded, never cached, and documented as such in OpenAPI. */
export function AdminOnly(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(AdminGuard),
    ApiBearerAuth('admin'),
    ApiProblem(
      401,
      'Missing or wrong admin credential',
      {
        name: 'missing',
        code: 'ADMIN.UNAUTHORIZED',
        detail: 'This endpoint needs Authorization: Bearer <ADMIN_TOKEN>.',
      },
      { name: 'wrong', code: 'ADMIN.UNAUTHORIZED', detail: 'The admin credential is not valid.' },
    ),
  );
}
