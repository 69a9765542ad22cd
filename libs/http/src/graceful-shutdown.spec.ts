import { Agent, createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoggerService } from '@nestjs/common';
import { eventually } from '@platform/testing';
import { drainForShutdown } from './graceful-shutdown';

const quietLogger: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** a server whose close waits for its connections, as Nest's HTTP adapter does, and a client that never pauses */
async function busyKeepAliveServer(): Promise<{
  server: Server;
  answered: () => number;
  stopClient: () => Promise<number>;
}> {
  const server = createServer((_request, response) => setTimeout(() => response.end('ok'), 20));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let running = true;
  let answered = 0;
  const loop = (async () => {
    while (running) {
      await new Promise<void>((resolve) => {
        const request = get({ port, host: '127.0.0.1', path: '/', agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(void (answered += 1)));
        });
        request.on('error', () => resolve());
      });
    }
  })();
  return {
    server,
    answered: () => answered,
    stopClient: async () => {
      running = false;
      await loop;
      agent.destroy();
      return answered;
    },
  };
}

describe('draining for shutdown', () => {
  it('stops consuming at once, and a keep-alive client that keeps asking does not hold the server open', async () => {
    const { server, answered, stopClient } = await busyKeepAliveServer();
    // once it has been answered, the client is mid-request at any moment
    await eventually(answered, (n) => n > 0, { expected: 'the keep-alive client answered once', intervalMs: 5 });
    const events: string[] = [];
    const app = {
      getHttpServer: () => server,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        events.push('http closed');
      },
    };
    const started = Date.now();
    await drainForShutdown(app, async () => void events.push('consumers stopped'), quietLogger);
    const tookMs = Date.now() - started;
    expect(await stopClient()).toBeGreaterThan(0);
    expect(events).toEqual(['consumers stopped', 'http closed']);
    expect(tookMs).toBeLessThan(2_000);
  });

  it('goes on closing the rest when stopping the consumers fails', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const close = jest.fn(async () => void server.close());
    await drainForShutdown(
      { getHttpServer: () => server, close },
      async () => {
        throw new Error('the brokers are gone');
      },
      quietLogger,
    );
    expect(close).toHaveBeenCalled();
  });
});
