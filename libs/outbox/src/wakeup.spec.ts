import { Wakeup } from './wakeup';

// Outcomes are observed by racing the wait against fake timers: which one settled, not how long it took.
describe('Wakeup', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** 'settled' if `wait` has settled once pending microtasks ran (no timer advanced), else 'pending'. */
  async function settledYet(wait: Promise<void>): Promise<'settled' | 'pending'> {
    let settled = false;
    void wait.then(() => (settled = true));
    await Promise.resolve();
    await Promise.resolve();
    return settled ? 'settled' : 'pending';
  }

  it('remembers a wake that came before the wait, so the wait returns at once', async () => {
    // given
    const wakeup = new Wakeup();
    wakeup.wake();
    // when
    const wait = wakeup.wait(60_000);
    // then
    expect(await settledYet(wait)).toBe('settled');
  });

  it('remembers an early wake only once, however many wakes came', async () => {
    // given
    const wakeup = new Wakeup();
    wakeup.wake();
    wakeup.wake();
    await wakeup.wait(60_000);
    // when
    const second = wakeup.wait(60_000);
    // then
    expect(await settledYet(second)).toBe('pending');
    jest.advanceTimersByTime(60_000);
    expect(await settledYet(second)).toBe('settled');
  });

  it('resolves on timeout when nobody wakes it', async () => {
    // given
    const wakeup = new Wakeup();
    const wait = wakeup.wait(1_000);
    // when
    jest.advanceTimersByTime(999);
    const before = await settledYet(wait);
    jest.advanceTimersByTime(1);
    // then
    expect(before).toBe('pending');
    expect(await settledYet(wait)).toBe('settled');
  });

  it('resolves a pending wait early when woken, and clears its timer', async () => {
    // given
    const wakeup = new Wakeup();
    const wait = wakeup.wait(60_000);
    expect(await settledYet(wait)).toBe('pending');
    // when
    wakeup.wake();
    // then
    expect(await settledYet(wait)).toBe('settled');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not carry a wake that ended a wait over to the next wait', async () => {
    // given
    const wakeup = new Wakeup();
    const first = wakeup.wait(60_000);
    wakeup.wake();
    await first;
    // when
    const second = wakeup.wait(60_000);
    // then
    expect(await settledYet(second)).toBe('pending');
  });

  it('does not remember a wake after a wait timed out unless one comes', async () => {
    // given
    const wakeup = new Wakeup();
    const first = wakeup.wait(10);
    jest.advanceTimersByTime(10);
    await first;
    // when
    const second = wakeup.wait(60_000);
    // then
    expect(await settledYet(second)).toBe('pending');
    wakeup.wake();
    expect(await settledYet(second)).toBe('settled');
  });
});
