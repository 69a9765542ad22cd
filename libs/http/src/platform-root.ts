import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { PlatformMessagingModule } from '@platform/messaging';
import { ObservabilityModule } from '@platform/observability';
import { DeadLettersAdminModule } from './dead-letters/dead-letters-admin.module';

@Module({})
class PlatformRoot {}

/**
 * The root module of a deployable: observability and messaging once, the dead-letter admin API
 * over whichever contexts it hosts, then the given contexts. The monolith passes every selected
 * context; a context's own main.ts passes just itself.
 */
export function platformRoot(service: string, contexts: ReadonlyArray<Type<unknown> | DynamicModule>): DynamicModule {
  return {
    module: PlatformRoot,
    imports: [
      ObservabilityModule.forRoot({ service }),
      PlatformMessagingModule.forRoot(),
      DeadLettersAdminModule,
      ...contexts,
    ],
  };
}
