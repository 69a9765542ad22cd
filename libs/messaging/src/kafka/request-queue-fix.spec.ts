import { installRequestQueueFix } from './request-queue-fix';

interface RequestEntry {
  readonly correlationId: number;
  readonly apiName: string;
  readonly resolve: () => void;
  readonly reject: () => void;
}

/** kafkajs' per-connection queue, required by path as the fix does (no types ship for it) */
interface RequestQueue {
  push(request: { entry: RequestEntry; expectResponse: boolean; sendRequest: () => void }): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  maybeThrottle(ms: number): void;
  destroy(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueueClass = require('kafkajs/src/network/requestQueue') as new (options: object) => RequestQueue;

const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  namespace: () => silent,
};

function connectionQueue(sent: number[]) {
  const queue = new RequestQueueClass({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: 'localhost:9092',
    logger: silent,
  });
  const push = (correlationId: number): void =>
    queue.push({
      entry: { correlationId, apiName: 'Fetch', resolve: () => undefined, reject: () => undefined },
      expectResponse: true,
      sendRequest: () => void sent.push(correlationId),
    });
  const answer = (correlationId: number): void =>
    queue.fulfillRequest({ correlationId, payload: Buffer.alloc(0), size: 0 });
  return { queue, push, answer };
}

describe('the kafkajs RequestQueue fix', () => {
  beforeAll(() => expect(installRequestQueueFix()).toBe(true));
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('leaves an idle connection without a timer (kafkajs 2.2.4 checked its empty queue every millisecond)', () => {
    const sent: number[] = [];
    const { queue, push, answer } = connectionQueue(sent);
    push(1);
    answer(1); // a response checks the queue for requests waiting
    expect(sent).toEqual([1]);
    expect(jest.getTimerCount()).toBe(0);
    queue.destroy();
  });

  it('sends a request queued behind the one in flight as soon as that one is answered', () => {
    const sent: number[] = [];
    const { queue, push, answer } = connectionQueue(sent);
    push(1);
    push(2); // one in flight at most: 2 waits
    expect(sent).toEqual([1]);
    answer(1);
    expect(sent).toEqual([1, 2]);
    answer(2);
    jest.advanceTimersByTime(20); // the check scheduled for 2 finds nothing and schedules no other
    expect(jest.getTimerCount()).toBe(0);
    queue.destroy();
  });

  it('sends a request queued while the broker throttles the client when the throttle ends', () => {
    const sent: number[] = [];
    const { queue, push, answer } = connectionQueue(sent);
    push(1);
    answer(1);
    queue.maybeThrottle(50);
    push(2);
    jest.advanceTimersByTime(45);
    expect(sent).toEqual([1]);
    jest.advanceTimersByTime(10);
    expect(sent).toEqual([1, 2]);
    answer(2);
    jest.advanceTimersByTime(100);
    expect(jest.getTimerCount()).toBe(0);
    queue.destroy();
  });
});
