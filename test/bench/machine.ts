import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** What the figures were measured on, and where the CPU went while they were measured. */
export function machineLine(): string {
  const cores = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}, load average before the run ${load}`;
}

/** the lines every benchmark's report opens with: what ran, on what, which code, how to run it again */
export function printRunHeader(title: string, server: string, command: string): void {
  console.log(`${title}, ${new Date().toISOString()}`);
  console.log(`  machine: ${machineLine()}`);
  console.log(`  code: ${gitRevision()}`);
  console.log(`  PostgreSQL server: ${server}`);
  console.log(`  reproduce: ${command}`);
}

export function gitRevision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim().length > 0;
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** an installed package's version (read from its package.json, which `exports` may not expose) */
export function packageVersion(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    while (dir !== dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? 'unknown';
      } catch {
        // no package.json at this level
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return 'unknown';
}

export interface CpuUse {
  readonly wallMs: number;
  /** this Node process (the relay, the writers, the pg driver, and PGlite when embedded), % of one core */
  readonly nodePct: number;
  /** every `postgres` process on this machine, % of one core; undefined without /proc */
  readonly postgresPct?: number;
  /** the whole machine, % of all cores busy */
  readonly machinePct?: number;
  /** busy time not accounted to this process or to postgres (other work, kernel), % of one core */
  readonly otherPct?: number;
}

/** Starts a CPU measurement; the returned function ends it. Linux /proc only for the server side. */
export function measureCpu(): () => CpuUse {
  const wall = performance.now();
  const node = process.cpuUsage();
  const pg = postgresTicks();
  const machine = machineTicks();
  return () => {
    const wallMs = performance.now() - wall;
    const used = process.cpuUsage(node);
    const pgAfter = postgresTicks();
    const machineAfter = machineTicks();
    const tickMs = 1000 / clockTicks();
    const nodePct = ((used.user + used.system) / 1000 / wallMs) * 100;
    const postgresPct =
      pg !== undefined && pgAfter !== undefined ? (((pgAfter - pg) * tickMs) / wallMs) * 100 : undefined;
    const machinePct =
      machine && machineAfter
        ? ((machineAfter.busy - machine.busy) / (machineAfter.total - machine.total)) * 100
        : undefined;
    const otherPct =
      machinePct !== undefined && postgresPct !== undefined
        ? Math.max(0, machinePct * cpus().length - nodePct - postgresPct)
        : undefined;
    return { wallMs, nodePct, postgresPct, machinePct, otherPct };
  };
}

export function formatCpu(use: CpuUse): string {
  const parts = [`Node process ${use.nodePct.toFixed(0)}% of a core`];
  if (use.postgresPct !== undefined) parts.push(`postgres processes ${use.postgresPct.toFixed(0)}% of a core`);
  if (use.machinePct !== undefined) {
    parts.push(`machine ${use.machinePct.toFixed(0)}% busy (all ${cpus().length} cores)`);
  }
  if (use.otherPct !== undefined) parts.push(`other processes and kernel ~${use.otherPct.toFixed(0)}% of a core`);
  return parts.join(', ');
}

let ticks: number | undefined;
export function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** utime+stime of every process named postgres (processes that exited meanwhile are missed) */
function postgresTicks(): number | undefined {
  try {
    let total = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
        const fields = stat.slice(close + 2).split(' ');
        total += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
      } catch {
        // the process ended while we looked
      }
    }
    return total;
  } catch {
    return undefined;
  }
}

function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const values = cpu.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((sum, v) => sum + v, 0);
    const idle = values[3] + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}
