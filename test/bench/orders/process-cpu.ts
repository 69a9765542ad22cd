import { readFileSync } from 'node:fs';
import { clockTicks } from '../machine';

/** CPU time of processes by pid, from /proc (Linux); undefined where /proc cannot tell. */
export interface ProcessCpu {
  readonly userMs: number;
  readonly systemMs: number;
}

export function processCpu(pid: number): ProcessCpu | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = 1000 / clockTicks();
    return { userMs: Number(fields[11]) * tick, systemMs: Number(fields[12]) * tick }; // utime, stime
  } catch {
    return undefined;
  }
}

/** CPU time of each of `pids` that is alive */
export function processesCpu(pids: readonly number[]): Map<number, ProcessCpu> {
  const result = new Map<number, ProcessCpu>();
  for (const pid of pids) {
    const cpu = processCpu(pid);
    if (cpu) result.set(pid, cpu);
  }
  return result;
}

/**
 * CPU used between two readings, summed: a process that is only in `after` started in between,
 * so all of its time counts; one that ended in between is missed.
 */
export function cpuBetween(before: ReadonlyMap<number, ProcessCpu>, after: ReadonlyMap<number, ProcessCpu>): number {
  let ms = 0;
  for (const [pid, a] of after) {
    const b = before.get(pid) ?? { userMs: 0, systemMs: 0 };
    ms += a.userMs + a.systemMs - b.userMs - b.systemMs;
  }
  return ms;
}
