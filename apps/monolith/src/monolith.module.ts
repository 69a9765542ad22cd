import type { DynamicModule } from '@nestjs/common';
import { platformRoot } from '@platform/http';
import { selectedContexts } from './contexts';

/** The single binary: the platform once, and every selected bounded context beside it. */
export const MonolithModule = {
  forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return platformRoot('monolith', selectedContexts(env));
  },
};
