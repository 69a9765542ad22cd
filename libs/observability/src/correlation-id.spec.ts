import type { IncomingMessage, ServerResponse } from 'node:http';
import { correlationIdOf } from './correlation-id';

describe('correlationIdOf', () => {
  const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  /** the two things correlationIdOf touches: the request's headers and the response's setHeader */
  function exchange(given?: string | string[]) {
    const sent: Record<string, unknown> = {};
    const req = { headers: given === undefined ? {} : { 'x-correlation-id': given } } as unknown as IncomingMessage;
    const res = { setHeader: (name: string, value: unknown) => (sent[name] = value) } as unknown as ServerResponse;
    return { req, res, sent };
  }

  it.each(['abc-123', '0190a6b2-7c1e-7d3a-9f00-000000000001', 'svc.a:req-1', 'x'.repeat(128)])(
    'keeps a sane caller id %p and returns it in the response',
    (given) => {
      // given
      const { req, res, sent } = exchange(given);
      // when
      const id = correlationIdOf(req, res);
      // then
      expect(id).toBe(given);
      expect(sent['X-Correlation-Id']).toBe(given);
    },
  );

  it.each([
    ['with spaces and markup', 'a b<script>'],
    ['too long', 'x'.repeat(200)],
    ['one past the limit', 'x'.repeat(129)],
    ['empty', ''],
    ['with a header injection', 'abc\r\nSet-Cookie: x=1'],
    ['repeated', ['abc', 'def']],
  ])('replaces a caller id that is %s with a fresh UUID v7, never echoing it', (_label, given) => {
    // given
    const { req, res, sent } = exchange(given);
    // when
    const id = correlationIdOf(req, res);
    // then
    expect(id).toMatch(UUID_V7);
    expect(sent['X-Correlation-Id']).toBe(id);
  });

  it('creates a fresh UUID v7 per request when the caller sends none', () => {
    // given
    const first = exchange();
    const second = exchange();
    // when
    const ids = [correlationIdOf(first.req, first.res), correlationIdOf(second.req, second.res)];
    // then
    expect(ids[0]).toMatch(UUID_V7);
    expect(ids[1]).toMatch(UUID_V7);
    expect(ids[0]).not.toBe(ids[1]);
    expect(first.sent['X-Correlation-Id']).toBe(ids[0]);
  });
});
