import type { DynamicModule, Type } from '@nestjs/common';
import type { Environment } from '@platform/config';
import { platformRoot } from '@platform/host';
import { CONTEXT_MODULES, selectedContexts } from './contexts';
import { InvariantsModule } from './invariants/invariants.http.controller';

/** The single binary: the platform once, and every selected bounded context beside it. */
export const MonolithModule = {
  forRoot(env: Environment): DynamicModule {
    return platformRoot('monolith', monolithModules(env), env);
  },
};

/** the selected contexts, and the invariant check when they are all here to be checked */
export function monolithModules(env: Environment): Array<Type<unknown>> {
  const contexts = selectedContexts(env);
  const everyContext = contexts.length === Object.keys(CONTEXT_MODULES).length;
  return everyContext ? [...contexts, InvariantsModule] : contexts;
}
