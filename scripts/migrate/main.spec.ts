import { EXIT } from './exit-codes';
import { runMigrate } from './main';

/** the exit codes a deploy script relies on, for what commander decides before any command runs */
describe('npm run migrate', () => {
  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runMigrate(argv, process.env, { writeOut: (t) => (out += t), writeErr: (t) => (err += t) });
    return { code, out, err };
  }

  it('prints help with exit 0', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(EXIT.done);
    expect(out).toContain('handover [options]');
  });

  it("prints a command's help, with its exit codes, with exit 0", async () => {
    const { code, out } = await run('handover', '--help');
    expect(code).toBe(EXIT.done);
    expect(out).toMatch(/--dry-run[\s\S]*--force[\s\S]*--undo[\s\S]*Exit codes: 0 done/);
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['drain']],
    ['an unknown option', ['handover', '--bogus']],
    ['an unexpected argument', ['handover', 'now']],
  ])('exits 2 on %s', async (_, argv) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(EXIT.cannotRun);
    expect(err).not.toBe('');
  });

  it('exits 2 when the log is in the embedded PGlite, which the hand-over does not support', async () => {
    const saved = { ...process.env };
    delete process.env.DATABASE_URL;
    delete process.env.MESSAGING_DATABASE_URL;
    process.env.KAFKA_BROKERS = 'kafka-1:9092';
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await run('handover', '--dry-run')).code).toBe(EXIT.cannotRun);
      expect(String(write.mock.calls[0]?.[0])).toContain('the in-process log is in the embedded PGlite');
    } finally {
      write.mockRestore();
      process.env = saved;
    }
  });
});
