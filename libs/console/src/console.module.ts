import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@platform/config';
import { PLATFORM_SERVICE } from '@platform/http';
import { ConsoleHttpController } from './console.http.controller';
import { ConsolePeers } from './console-peers';
import { ConsoleSessionHttpController } from './console-session.http.controller';
import { ConsoleDeadLetters } from './dead-letters/console-dead-letters';
import { ConsoleDeadLettersHttpController } from './dead-letters/console-dead-letters.http.controller';
import { FlowHttpController } from './flow/flow.http.controller';
import { LocalFlow } from './flow/local-flow';
import { LocalOrderTimeline } from './order-timeline/local-order-timeline';
import { OrderTimelineHttpController } from './order-timeline/order-timeline.http.controller';
import { OrderTimelines } from './order-timeline/order-timelines';

@Module({})
export class ConsoleModule {
  /**
   * The operator console (docs/console.md): its page and files at /console, and the admin
   * endpoints only it needs. Mounted by every deployable; each shows the contexts it runs.
   */
  static forRoot(options: { service: string; env: Environment }): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [
        ConsoleHttpController,
        ConsoleSessionHttpController,
        ConsoleDeadLettersHttpController,
        FlowHttpController,
        OrderTimelineHttpController,
      ],
      providers: [
        { provide: PLATFORM_SERVICE, useValue: options.service },
        ConsolePeers,
        ConsoleDeadLetters,
        LocalFlow,
        LocalOrderTimeline,
        OrderTimelines,
      ],
    };
  }
}
