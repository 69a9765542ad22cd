/**
 * The pieces of @platform/http this API is built from, imported by file and not through the
 * barrel: that barrel also exports the process host (platform-root.ts), which mounts this module,
 * so going through it would be an import cycle. Once the host leaves libs/http (issue 13, item 1),
 * this file becomes `export ... from '@platform/http'` or goes away.
 */
export { AdminOnly } from '../../../http/src/admin-auth.guard';
export type { AdminApiClient } from '../../../http/src/operations/admin-api-client';
export { ApiProblem, invalidRequest, type ProblemExample } from '../../../http/src/api-problem.decorator';
export { DecimalInteger } from '../../../http/src/decimal-integer.decorator';
export { ProblemException } from '../../../http/src/problem-details.filter';
