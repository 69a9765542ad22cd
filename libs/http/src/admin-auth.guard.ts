import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  applyDecorators,
  Injectable,
  Logger,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiProblem } from './api-problem.decorator';

let token: string | undefined;

/**
 * The operator credential for admin endpoints: ADMIN_TOKEN, or, when unset, a random one made
 * at first use and printed once, so a laptop run is never left open by accident.
 */
export function adminToken(): string {
  if (token) return token;
  const configured = process.env.ADMIN_TOKEN?.trim();
  if (configured) {
    token = configured;
  } else {
    token = randomBytes(24).toString('base64url');
    new Logger('AdminToken').warn(`ADMIN_TOKEN is not set; admin endpoints accept this generated token: ${token}`);
  }
  return token;
}

/** Refuses a request without `Authorization: Bearer <ADMIN_TOKEN>` with 401 problem+json. */
@Injectable()
export class AdminGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization;
    const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const expected = adminToken();
    const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!ok) {
      throw new UnauthorizedException(
        given ? 'The admin credential is not valid.' : 'This endpoint needs Authorization: Bearer <ADMIN_TOKEN>.',
      );
    }
    return true;
  }
}

/** Marks a controller or route as an operator's: guarded, and documented as such in OpenAPI. */
export function AdminOnly(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(AdminGuard),
    ApiBearerAuth('admin'),
    ApiProblem(
      401,
      'Missing or wrong admin credential',
      { name: 'missing', detail: 'This endpoint needs Authorization: Bearer <ADMIN_TOKEN>.' },
      { name: 'wrong', detail: 'The admin credential is not valid.' },
    ),
  );
}
