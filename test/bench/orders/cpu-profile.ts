import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Self time from a V8 `.cpuprofile` (what `node --cpu-prof` writes), inside a window of the
 * process's life. Sample timestamps are CLOCK_MONOTONIC microseconds, the clock of
 * `process.hrtime` in any process on the machine, so the benchmark can cut the profile to the
 * phase it timed. Each sample is weighed by the time until the next one.
 */
interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface SelfTime {
  /** the node_modules package, our file (relative to the repository), `node:` internals, or a V8 pseudo-frame */
  readonly owner: string;
  readonly name: string;
  readonly ms: number;
}

export interface ProfileSummary {
  readonly file: string;
  /** the window actually covered by samples (ms) */
  readonly windowMs: number;
  /** (idle): the event loop waiting for I/O */
  readonly idleMs: number;
  /** everything else: JavaScript, GC, native code and (program) */
  readonly busyMs: number;
  readonly byFunction: readonly SelfTime[];
  readonly byOwner: readonly SelfTime[];
}

/** the one profile `--cpu-prof-dir` received */
export function profileIn(dir: string): string | undefined {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  return file ? join(dir, file) : undefined;
}

/** `fromUs`/`toUs`: CLOCK_MONOTONIC microseconds (process.hrtime.bigint() / 1000n) */
export function summariseProfile(file: string, root: string, fromUs: number, toUs: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, SelfTime>();
  const byOwner = new Map<string, SelfTime>();
  let at = profile.startTime;
  let windowMs = 0;
  let idleMs = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += profile.timeDeltas[i] ?? 0;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (at < fromUs || at > toUs || ms <= 0) continue;
    const frame = frames.get(profile.samples[i]);
    if (!frame) continue;
    windowMs += ms;
    if (frame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const owner = ownerOf(frame, root);
    const name = frame.functionName || '(anonymous)';
    const where = frame.url && !owner.startsWith('node:') ? `${owner}:${frame.lineNumber + 1}` : owner;
    add(byFunction, `${name}@${where}`, { owner: where, name, ms });
    add(byOwner, owner, { owner, name: owner, ms });
  }
  const sorted = (m: Map<string, SelfTime>): SelfTime[] => [...m.values()].sort((a, b) => b.ms - a.ms);
  return {
    file,
    windowMs,
    idleMs,
    busyMs: windowMs - idleMs,
    byFunction: sorted(byFunction),
    byOwner: sorted(byOwner),
  };
}

function add(into: Map<string, SelfTime>, key: string, value: SelfTime): void {
  const known = into.get(key);
  into.set(key, known ? { ...known, ms: known.ms + value.ms } : value);
}

/** a package for node_modules code, our file otherwise; V8's pseudo-frames ("(garbage collector)") as they are */
function ownerOf(frame: CallFrame, root: string): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return url.startsWith('node:internal/') ? 'node:internal' : url;
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = path.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  return relative(root, path);
}
