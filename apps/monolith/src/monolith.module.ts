import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformMessagingModule } from '@platform/messaging';
import { ObservabilityModule } from '@platform/observability';
import { selectedContexts } from './contexts';

/** The single binary: the platform once, and every selected bounded context beside it. */
@Module({})
export class MonolithModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: MonolithModule,
      imports: [
        ObservabilityModule.forRoot({ service: 'monolith' }),
        PlatformMessagingModule.forRoot(),
        ...selectedContexts(env),
      ],
    };
  }
}
