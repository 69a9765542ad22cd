import type { DynamicModule, Type } from '@nestjs/common';
import { platformRoot } from '@platform/http';
import { CONTEXT_MODULES, selectedContexts } from './contexts';
import { InvariantsModule } from './invariants/invariants.http.controller';

/** The single binary: the platform once, and every selected bounded context beside it. */
export const MonolithModule = {
  forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return platformRoot('monolith', monolithModules(env));
  },
};

/** the selected contexts, and the invariant check when they are all here to be checked */
export function monolithModules(env: NodeJS.ProcessEnv = process.env): Array<Type<unknown>> {
  const contexts = selectedContexts(env);
  const everyContext = contexts.length === Object.keys(CONTEXT_MODULES).length;
  return everyContext ? [...contexts, InvariantsModule] : contexts;
}
