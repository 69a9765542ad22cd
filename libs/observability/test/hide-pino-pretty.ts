// Preloaded by pretty-logs.int-spec.ts: makes `pino-pretty` unresolvable, as in the production
// image, which installs no dev dependencies.
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
// _resolveFilename is Node's internal resolver, not in its type declarations
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request, ...rest) {
  if (request === 'pino-pretty' || request.startsWith('pino-pretty/')) {
    throw Object.assign(new Error(`Cannot find module '${request}'`), { code: 'MODULE_NOT_FOUND' });
  }
  return resolveFilename.call(this, request, ...rest);
};
