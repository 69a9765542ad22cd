import { ALERT_CATALOGUE } from '@platform/observability';
import { databaseBackends, eventually, type Backend } from '@platform/testing';
import { FAULTS, faultsFor } from '../../../../test/fixtures/pipeline-app/fault-plan';
import {
  startDeadLetterTestApp,
  type DeadLetterTestApp,
} from '../../../../test/fixtures/dead-letters/dead-letter-test-app';
import { AlertsAdminModule } from './alerts-admin.module';

const GROUP = 'consumer_a';

interface AlertAnswer {
  name: string;
  severity: string;
  state: string;
  summary: string;
  runbook: string;
  details: string[];
}

describe.each(databaseBackends())('GET /admin/alerts on %s', (backend: Backend) => {
  let t: DeadLetterTestApp;

  beforeAll(async () => {
    t = await startDeadLetterTestApp(backend, [GROUP], {}, [AlertsAdminModule]);
  });

  afterAll(async () => {
    await t?.stop();
  });

  beforeEach(() => FAULTS.clear());

  const alert = async (name: string): Promise<AlertAnswer> => {
    const answer = await t.http('GET', '/admin/alerts');
    expect(answer.status).toBe(200);
    return answer.body.alerts.find((a: AlertAnswer) => a.name === name);
  };

  it('refuses a missing or wrong credential with 401 problem+json', async () => {
    for (const token of [null, 'wrong-token']) {
      const answer = await t.http('GET', '/admin/alerts', undefined, token);
      expect([answer.status, answer.contentType]).toEqual([401, expect.stringContaining('application/problem+json')]);
    }
  });

  it('lists every alert of the catalogue with its severity, summary, runbook and state', async () => {
    const answer = await t.http('GET', '/admin/alerts');
    expect(answer.body.alerts).toEqual(
      ALERT_CATALOGUE.map((a) =>
        expect.objectContaining({
          name: a.name,
          severity: a.severity,
          summary: a.summary,
          runbook: a.runbook,
          state: expect.stringMatching(/^(firing|quiet)$/),
          details: expect.any(Array),
        }),
      ),
    );
    expect(Date.parse(answer.body.evaluatedAt)).not.toBeNaN();
  });

  it('fires DeadLettersPending while a dead letter waits, and is quiet before and after', async () => {
    expect(await alert('DeadLettersPending')).toMatchObject({
      state: 'quiet',
      details: [expect.stringMatching(/^highest pending 0 \(context=\w+ group=\w+\), fires above 0$/)],
    });

    faultsFor(GROUP).failPermanently.add(7);
    await t.emit([{ entityId: 'alerting', seq: 7, note: '' }]);
    const [letter] = await eventually(
      () => t.db.query(`SELECT id::text AS id FROM ${GROUP}.dead_letters WHERE status = 'pending'`),
      (rows: Array<{ id: string }>) => rows.length === 1,
      { expected: `one pending dead letter in ${GROUP}` },
    );
    expect(await alert('DeadLettersPending')).toMatchObject({
      state: 'firing',
      details: [`context=${GROUP} group=${GROUP}: pending 1 > 0`],
    });

    const discarded = await t.http('POST', `/admin/dead-letters/${GROUP}/${letter.id}/discard`, { reason: 'test' });
    expect(discarded.status).toBe(200);
    expect((await alert('DeadLettersPending')).state).toBe('quiet');
  });
});
