import { testEnvironment } from './test-environment';

/** the admin token startContextTestApp gives the contexts it boots, unless the test sets ADMIN_TOKEN */
export const TEST_ADMIN_TOKEN = 'test-admin-token';

/** the header that passes @AdminOnly() in a context test app started with the default token */
export const ADMIN = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } as const;

/** the Authorization header for the token startContextTestApp set (a test may have set its own ADMIN_TOKEN) */
export function adminAuth(): string {
  return `Bearer ${testEnvironment().ADMIN_TOKEN ?? TEST_ADMIN_TOKEN}`;
}
