import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { activeTracing } from './tracing-state';

/** Exports the last spans when the app closes, after the transports drained (a no-op with tracing off). */
@Injectable()
export class TracingFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await activeTracing()?.flush();
  }
}
