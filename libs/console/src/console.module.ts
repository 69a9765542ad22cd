import { Module, type DynamicModule } from '@nestjs/common';
import type { Environment } from '@platform/config';
import { PLATFORM_SERVICE } from '@platform/http';
import { ConsoleHttpController } from './console.http.controller';
import { ConsolePeers } from './console-peers';
import { ConsoleSessionHttpController } from './console-session.http.controller';
import { ConsoleDeadLetters } from './dead-letters/console-dead-letters';
import { ConsoleDeadLettersHttpController } from './dead-letters/console-dead-letters.http.controller';

@Module({})
export class ConsoleModule {
  /**
   * The operator console (docs/console.md): its page and files at /console, and the admin
   * endpoints only it needs. Mounted by every deployable; each shows the contexts it runs.
   */
  static forRoot(options: { service: string; env: Environment }): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [ConsoleHttpController, ConsoleSessionHttpController, ConsoleDeadLettersHttpController],
      providers: [{ provide: PLATFORM_SERVICE, useValue: options.service }, ConsolePeers, ConsoleDeadLetters],
    };
  }
}
