/**
 * What `/health/ready` asks: every context registers its checks (database reachable, relay
 * running) here; the process is ready only when all pass.
 */
export interface ReadinessCheck {
  readonly name: string;
  /** resolves when healthy, rejects (or throws) with the reason otherwise */
  check(): Promise<void>;
}

export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  add(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  all(): ReadinessCheck[] {
    return [...this.checks.values()];
  }
}
