import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Environment } from '@platform/config';
import { ConsoleModule } from '@platform/console';
import { DeadLettersAdminModule } from '@platform/dead-letters';
import { PlatformMessagingModule, refuseShadowIn } from '@platform/messaging';
import { ObservabilityModule } from '@platform/observability';
import { AlertsAdminModule, PLATFORM_SERVICE, PlatformIndexHttpController } from '@platform/http';
import { environmentModule } from './environment.module';

@Module({})
class PlatformRoot {}

/**
 * The root module of a deployable: observability, messaging and the command and query buses once,
 * the dead-letter admin API over whichever contexts it hosts, the alerts it would fire
 * (GET /admin/alerts), the operator console, `GET /`, then the given contexts. The monolith passes
 * every selected context; a context's own main.ts passes just itself. `env` is the
 * environment its composition root read once and validated; every module parses its settings from it.
 *
 * `CqrsModule.forRoot()` is global, so every context injects the same CommandBus and QueryBus, and
 * it registers every @CommandHandler / @QueryHandler of the whole process at bootstrap. Contexts
 * must not import CqrsModule themselves: a second instance would be a second set of buses that
 * registers every handler again (docs/adr/0009-commands-and-queries.md).
 */
export function platformRoot(
  service: string,
  contexts: ReadonlyArray<Type<unknown> | DynamicModule>,
  env: Environment,
): DynamicModule {
  refuseShadowIn(service, env);
  return {
    module: PlatformRoot,
    controllers: [PlatformIndexHttpController],
    providers: [{ provide: PLATFORM_SERVICE, useValue: service }],
    imports: [
      environmentModule(env),
      ObservabilityModule.forRoot({ service, env }),
      PlatformMessagingModule.forRoot({ env }),
      CqrsModule.forRoot(),
      DeadLettersAdminModule,
      ConsoleModule.forRoot({ service, env }),
      AlertsAdminModule,
      ...contexts,
    ],
  };
}
