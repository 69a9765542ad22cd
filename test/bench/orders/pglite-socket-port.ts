import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * Where a running platform's embedded PGlite takes other connections. The platform serves PGlite
 * to its own pools through pglite-socket on a random loopback port (ADR 0003) and publishes that
 * port nowhere (its data folder's lock names only its pid and HTTP address, ADR 0018), so the
 * benchmark finds it as `ss -ltnp` would: the process's listening TCP sockets, less its HTTP port.
 * Linux /proc only, like the benchmark's CPU figures.
 */
export function pgliteSocketPort(pid: number, httpPort: number): number {
  const inodes = socketInodes(pid);
  const table = ['tcp', 'tcp6'].map((file) => readQuietly(`/proc/${pid}/net/${file}`)).join('\n');
  const ports = listeningPorts(table, inodes).filter((port) => port !== httpPort);
  if (ports.length !== 1) {
    throw new Error(
      `expected the platform (pid ${pid}) to listen on one port besides HTTP ${httpPort} (its pglite-socket), ` +
        `found ${ports.length ? ports.join(', ') : 'none'}`,
    );
  }
  return ports[0];
}

/**
 * The ports of the sockets in `inodes` that listen, from a /proc/net/tcp table: each line is
 * `sl local_address rem_address st ... inode`, the address `HEXIP:HEXPORT`, state 0A = LISTEN.
 */
export function listeningPorts(table: string, inodes: ReadonlySet<string>): number[] {
  const ports = new Set<number>();
  for (const line of table.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 10 || fields[3] !== '0A' || !inodes.has(fields[9])) continue;
    ports.add(parseInt(fields[1].split(':')[1], 16));
  }
  return [...ports].sort((a, b) => a - b);
}

/** the inodes of the sockets a process holds open (its fds that link to `socket:[inode]`) */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed since the listing
    }
  }
  return inodes;
}

function readQuietly(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
