import type { Environment } from '@platform/config';

/**
 * The one place test support reads the process environment. A test's platform is given the
 * environment a deployable's composition root would read: the runner's (DATABASE_URL, CI, the
 * test broker) and what the suite set there, plus `overrides`.
 */
export function testEnvironment(overrides: Environment = {}): Environment {
  return Object.freeze({ ...process.env, ...overrides });
}

/** a variable of the test run itself (CI, DATABASE_URL, TEST_KAFKA_BROKERS), never the platform's */
export function testRunVariable(
  name: 'CI' | 'DATABASE_URL' | 'TEST_KAFKA_BROKERS' | 'CHROMIUM_PATH',
): string | undefined {
  return process.env[name];
}
