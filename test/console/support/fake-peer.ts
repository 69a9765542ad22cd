import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** what a peer was asked */
export interface PeerRequest {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/**
 * Another deployable of a split deployment, as the console's ConsolePeers sees it: an HTTP server
 * answering every GET with `answer` (as JSON), remembering what it was asked. Cheaper than a
 * second platform, and it lets a test set what the peer's part holds.
 */
export async function startFakePeer(
  answer: unknown,
): Promise<{ url: string; requests: PeerRequest[]; stop(): Promise<void> }> {
  const requests: PeerRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
