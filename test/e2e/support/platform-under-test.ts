import type { Client } from 'openapi-fetch';
import type { DataSource } from 'typeorm';
import type { paths } from '../api/schema';

/**
 * What the order-lifecycle scenarios need of a platform, however it is deployed (one process
 * in the test, one child process, seven): typed clients for the public and the admin API, and a
 * connection to the database the contexts share, for the checks HTTP does not answer.
 */
export interface PlatformUnderTest {
  readonly api: Client<paths>;
  readonly admin: Client<paths>;
  readonly db: DataSource;
  /** the consumers that are busy, backing off or holding records, one per line (where it can be seen) */
  describeBusyConsumers?(): string;
}
