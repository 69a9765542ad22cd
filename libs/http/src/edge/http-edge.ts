import type { INestApplication } from '@nestjs/common';
import type { Environment } from '@platform/config';
import { HTTP_SETTINGS } from '../http-settings';
import { answerMalformedHttp } from './malformed-http';
import { inspectRequests, parserRefusals, requireJsonBodies } from './request-edge';
import { securityHeaders } from './security-headers';

/** deeper than any request of ours, far shallower than what overflows validation's recursion */
const MAX_BODY_DEPTH = 512;

type WithBodyParser = INestApplication & { useBodyParser(type: string, options: object): void };

/**
 * The HTTP edge, in the order a request meets it: what Node's parser refuses is answered as a
 * problem; hardening headers; a body must be JSON; parse it (its refusals coded); then bound
 * what it holds (depth, prototype keys, null, storable text) in the body and the query. What
 * passes reaches routing, the global pipes and the DTO's validation.
 */
export function installHttpEdge(app: INestApplication, env: Environment): void {
  const { HTTP_BODY_LIMIT: bodyLimit, HTTP_BODY_MAX_DEPTH: maxDepth } = HTTP_SETTINGS.read(env);
  if (maxDepth > MAX_BODY_DEPTH) throw new Error(`HTTP_BODY_MAX_DEPTH must be at most ${MAX_BODY_DEPTH}`);
  answerMalformedHttp(app.getHttpServer());
  app.use(securityHeaders());
  app.use(requireJsonBodies());
  (app as WithBodyParser).useBodyParser('json', { limit: bodyLimit, type: ['application/json', 'application/*+json'] });
  app.use(parserRefusals());
  app.use(inspectRequests(maxDepth));
}
