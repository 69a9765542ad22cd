import type { PlatformMetrics } from '@platform/observability';

/** what a consumer group can wait for: its own database, or the brokers it reads from */
export type InfrastructureDependency = 'database' | 'broker';

interface Waiting {
  readonly group: string;
  readonly dependency: InfrastructureDependency;
  readonly since: number;
  readonly reason: string;
}

/**
 * The consumer groups of this process that are paused because a dependency does not answer, for
 * the operator: `consumers_waiting_on_infrastructure{group, dependency}` is 1 while one waits, and
 * the readiness check `consumers` names each waiting group, what it waits for, since when and why.
 * A wait is not a failure of the record: nothing is dead-lettered for it (docs/adr/0017).
 */
export class InfrastructureWaits {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly metrics?: PlatformMetrics) {}

  begin(group: string, dependency: InfrastructureDependency, reason: string): void {
    const key = keyOf(group, dependency);
    if (this.waiting.has(key)) return;
    this.waiting.set(key, { group, dependency, since: Date.now(), reason });
    this.metrics?.consumersWaiting.set({ group, dependency }, 1);
  }

  /** ends the wait; returns how long it lasted (ms), or undefined when none was in progress */
  end(group: string, dependency: InfrastructureDependency): number | undefined {
    const key = keyOf(group, dependency);
    const wait = this.waiting.get(key);
    if (!wait) return undefined;
    this.waiting.delete(key);
    this.metrics?.consumersWaiting.set({ group, dependency }, 0);
    return Date.now() - wait.since;
  }

  isWaiting(group: string, dependency: InfrastructureDependency): boolean {
    return this.waiting.has(keyOf(group, dependency));
  }

  /** one line per waiting group: `orders waits for its database for 1.2 s (DB.CONNECTION: ...)` */
  describe(now = Date.now()): string[] {
    return [...this.waiting.values()].map(
      (w) =>
        `${w.group} waits for its ${w.dependency} for ${((now - w.since) / 1000).toFixed(1)} s (${w.reason.slice(0, 200)})`,
    );
  }

  /** the readiness check: rejects while any group waits */
  async check(): Promise<void> {
    const lines = this.describe();
    if (lines.length > 0) throw new Error(lines.join('; '));
  }
}

function keyOf(group: string, dependency: InfrastructureDependency): string {
  return `${group}\u0000${dependency}`;
}
