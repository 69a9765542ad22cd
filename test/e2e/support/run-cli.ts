import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** one of the README's commands as `npm run` runs it: its own process, `env` on top of this one's */
export async function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
  return { code, stdout, stderr };
}

/** `npm run migrate -- <args>` */
export function runMigrate(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return runScript('scripts/migrate/main.ts', args, env);
}
