/** records produced / total on stderr, at most once a second, and once at the end */
export class ProgressLine {
  private done = 0;
  private lastAt = 0;
  private readonly started = Date.now();

  constructor(
    private readonly write: (line: string) => void,
    private readonly total: number,
  ) {}

  add(records: number): void {
    this.done += records;
    if (Date.now() - this.lastAt >= 1000) this.print();
  }

  end(): void {
    this.print();
  }

  private print(): void {
    this.lastAt = Date.now();
    const percent = this.total === 0 ? 100 : Math.floor((this.done * 100) / this.total);
    this.write(`produced ${this.done}/${this.total} records (${percent}%, ${Date.now() - this.started} ms)`);
  }
}
