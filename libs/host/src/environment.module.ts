import { Module, type DynamicModule } from '@nestjs/common';
import { ENVIRONMENT, type Environment } from '@platform/config';

@Module({})
class EnvironmentModule {}

/**
 * The environment the composition root read and validated, for every module of the deployable:
 * each parses its own settings group from it in a provider factory (docs/adr/0024).
 */
export function environmentModule(env: Environment): DynamicModule {
  return {
    module: EnvironmentModule,
    global: true,
    providers: [{ provide: ENVIRONMENT, useValue: env }],
    exports: [ENVIRONMENT],
  };
}
