import { testRunVariable, type Backend } from '@platform/testing';
import { startPlatform, type RunningPlatform } from '../../e2e/support/running-platform';

/**
 * The single binary the console tests open in the browser: on PostgreSQL when the run has one
 * (always under CI), else on the embedded PGlite. One backend: the console only reads the APIs
 * the other suites already prove on both.
 */
export function consoleBackend(): Backend {
  return testRunVariable('DATABASE_URL') ? 'postgres' : 'pglite';
}

export function startConsolePlatform(env: NodeJS.ProcessEnv = {}): Promise<RunningPlatform> {
  return startPlatform(consoleBackend(), env);
}
