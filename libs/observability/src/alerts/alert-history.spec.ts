import { AlertHistory, MIN_TREND_EVIDENCE_MS, TREND_WINDOW_MS } from './alert-history';
import { snapshotOf } from './metrics-snapshot';

const reading = (at: number) => snapshotOf(at, {});

describe('AlertHistory', () => {
  it('compares a reading with the oldest one kept from between a minute and the trend window ago', () => {
    const history = new AlertHistory();
    expect(history.record(reading(0))).toBeUndefined();
    expect(history.record(reading(MIN_TREND_EVIDENCE_MS - 1))).toBeUndefined(); // too recent to say anything
    expect(history.record(reading(MIN_TREND_EVIDENCE_MS))?.at).toBe(0);
    expect(history.record(reading(TREND_WINDOW_MS))?.at).toBe(0);
    // the first reading leaves the window; the next oldest is used
    expect(history.record(reading(TREND_WINDOW_MS + 1))?.at).toBe(MIN_TREND_EVIDENCE_MS - 1);
  });

  it('forgets everything older than the window', () => {
    const history = new AlertHistory();
    history.record(reading(0));
    expect(history.record(reading(TREND_WINDOW_MS + MIN_TREND_EVIDENCE_MS * 20))).toBeUndefined();
  });
});
