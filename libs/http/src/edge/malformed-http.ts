import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';

/** what Node's HTTP parser refuses before any middleware runs, and how we say so */
const REFUSALS: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'REQUEST.HEADERS_TOO_LARGE',
    detail: 'The request line and headers are too large (the URL is the usual suspect).',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST.TIMEOUT', detail: 'The request took too long to arrive.' },
};
const MALFORMED = { status: 400, code: 'REQUEST.MALFORMED_HTTP', detail: 'The request is not well-formed HTTP.' };

/**
 * A request Node's parser refuses (a URL over its 16 KiB header limit, a control character in a
 * header) never reaches Nest; Node answers it with a bare status line. This answers it like
 * every other refusal instead: problem+json with a code and a correlation id.
 */
export function answerMalformedHttp(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, code, detail } = REFUSALS[error.code ?? ''] ?? MALFORMED;
    const title = STATUS_CODES[status] ?? 'Bad Request';
    const body = JSON.stringify({ type: 'about:blank', title, status, code, detail });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Correlation-Id: ${uuidv7()}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
