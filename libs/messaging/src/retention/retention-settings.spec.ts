import { join } from 'node:path';
import { ALL_EVENT_CONTRACTS } from '@platform/events';
import { loadTopicSpecs } from '../kafka/topics/topic-specs';
import { platformConfigFromEnv } from '../nest/platform-config';
import { retentionSettingsFromEnv } from './retention-settings';

const TOPICS_FILE = join(__dirname, '../../../../schemas/topics.json');
const HOUR_MS = 3_600_000;

describe('retention settings', () => {
  it('defaults: inbox 720 h, settled dead letters 30 days, every minute, 1,000 rows a batch', () => {
    // when
    const settings = retentionSettingsFromEnv({});
    // then
    expect(settings).toEqual({
      inboxRetentionMs: 720 * HOUR_MS,
      deadLetterRetentionMs: 30 * 24 * HOUR_MS,
      intervalMs: 60_000,
      batchSize: 1000,
    });
  });

  it('reads each setting and refuses a malformed one, naming it', () => {
    // given
    const env = {
      INBOX_RETENTION_HOURS: '1000',
      DEAD_LETTER_RETENTION_DAYS: '7',
      RETENTION_INTERVAL_MS: '5000',
      RETENTION_BATCH_SIZE: '200',
    };
    // when / then
    expect(retentionSettingsFromEnv(env)).toEqual({
      inboxRetentionMs: 1000 * HOUR_MS,
      deadLetterRetentionMs: 7 * 24 * HOUR_MS,
      intervalMs: 5000,
      batchSize: 200,
    });
    expect(() => retentionSettingsFromEnv({ INBOX_RETENTION_HOURS: '0' })).toThrow('INBOX_RETENTION_HOURS');
    expect(() => retentionSettingsFromEnv({ DEAD_LETTER_RETENTION_DAYS: '1.5' })).toThrow('DEAD_LETTER_RETENTION_DAYS');
  });

  it('the default inbox retention outlasts every time-bounded redelivery window: topic retention and the in-process log', () => {
    // given: what a live group can be handed again, at most (an offset reset to earliest, expired group offsets)
    const timeBounded = loadTopicSpecs(TOPICS_FILE, ALL_EVENT_CONTRACTS).filter((topic) =>
      topic.config['cleanup.policy'].split(',').includes('delete'),
    );
    const longestTopicMs = Math.max(...timeBounded.map((topic) => Number(topic.config['retention.ms'])));
    // when
    const inbox = retentionSettingsFromEnv({}).inboxRetentionMs;
    // then
    expect(timeBounded.length).toBeGreaterThan(0);
    expect(inbox).toBeGreaterThanOrEqual(longestTopicMs);
    expect(inbox).toBeGreaterThanOrEqual(platformConfigFromEnv({}).inprocessRetentionMs);
  });
});
