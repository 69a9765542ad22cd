import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export function notifyChannelOf(schema: string): string {
  return `outbox_${schema}`;
}

/**
 * LISTENs for commits of other processes on a PostgreSQL server and wakes the local relay.
 * Only a latency aid: the relay's fallback poll still finds every row if a notification is lost,
 * so a dropped connection is simply re-established.
 */
export class OutboxNotificationListener {
  private readonly logger = new Logger(OutboxNotificationListener.name);
  private client?: Client;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onNotify: () => void,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.url,
      application_name: `order-platform:listen:${this.channel}`,
    });
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => {
      this.logger.warn(`LISTEN ${this.channel} connection lost: ${error.message}`);
      this.reconnectSoon();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
    } catch (error) {
      this.logger.warn(`LISTEN ${this.channel} failed: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
      this.reconnectSoon();
    }
  }

  private reconnectSoon(): void {
    if (this.stopped) return;
    this.client = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), 1000);
    this.retryTimer.unref();
  }
}
