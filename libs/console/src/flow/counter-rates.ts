/** one reading of a set of counters, by key */
interface Sample {
  readonly atMs: number;
  readonly totals: ReadonlyMap<string, number>;
}

/**
 * Per-second rates of monotonically growing counters (events consumed, published, failed), from
 * the readings the Flow view takes each time it is asked: the rate of a counter is its growth
 * since a reading at least `minIntervalMs` old, divided by the time between the two. Readings
 * older than `windowMs` are dropped except the newest of them, so a view polled after a pause
 * still has a baseline. No rate before the first baseline, nor for a counter that went down (the
 * process restarted); a counter missing from the baseline was born since, at 0.
 */
export class CounterRates {
  private samples: Sample[] = [];

  constructor(
    private readonly minIntervalMs = 1_000,
    private readonly windowMs = 10_000,
  ) {}

  /** records `totals` read at `atMs` and answers each counter's rate per second, when known */
  rates(atMs: number, totals: ReadonlyMap<string, number>): Map<string, number | undefined> {
    const baseline = [...this.samples].reverse().find((s) => s.atMs <= atMs - this.minIntervalMs);
    const rates = new Map<string, number | undefined>();
    for (const [key, total] of totals) {
      const before = baseline?.totals.get(key) ?? (baseline ? 0 : undefined);
      const grew = before === undefined ? undefined : total - before;
      rates.set(key, grew === undefined || grew < 0 ? undefined : grew / ((atMs - baseline!.atMs) / 1000));
    }
    this.samples.push({ atMs, totals: new Map(totals) });
    const old = this.samples.filter((s) => s.atMs < atMs - this.windowMs);
    this.samples = [...old.slice(-1), ...this.samples.filter((s) => s.atMs >= atMs - this.windowMs)];
    return rates;
  }
}
