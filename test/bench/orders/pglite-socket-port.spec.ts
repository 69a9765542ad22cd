import { listeningPorts } from './pglite-socket-port';

// the shape of /proc/<pid>/net/tcp: the platform's HTTP port 3000 (0x0BB8) and its pglite-socket
// 41235 (0xA113) listening, a connection to that socket, and another process's listener
const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0
   1: 0100007F:A113 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1002 1 0000000000000000 100 0 0 10 0
   2: 0100007F:A113 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 1003 1 0000000000000000 20 4 30 10 -1
   3: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2001 1 0000000000000000 100 0 0 10 0
`;

describe("finding a process's listening ports in /proc/net/tcp", () => {
  it('gives the ports its own sockets listen on, not its connections nor other processes', () => {
    expect(listeningPorts(TABLE, new Set(['1001', '1002', '1003']))).toEqual([3000, 41235]);
  });

  it('gives none when the process holds no listening socket', () => {
    expect(listeningPorts(TABLE, new Set(['1003']))).toEqual([]);
    expect(listeningPorts('', new Set(['1001']))).toEqual([]);
  });
});
