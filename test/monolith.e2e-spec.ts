import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { MonolithModule } from '../apps/monolith/src/monolith.module';
import { createPlatformApp } from '@platform/http';
import { createTestDatabase, databaseBackends, testEnvironment, type Backend } from '@platform/testing';
import type { DatabaseTarget } from '@platform/database';

/** The single binary over HTTP: operations endpoints, OpenAPI, correlation ids and error shape. */
const TOKEN = 'monolith-e2e-token';

describe.each(databaseBackends())('the monolith on %s', (backend: Backend) => {
  let app: INestApplication;
  let target: DatabaseTarget | undefined;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    if (backend === 'postgres') {
      target = await createTestDatabase('postgres');
      process.env.DATABASE_URL = target.url;
    } else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DATA_DIR = 'memory://';
    }
    app = await createPlatformApp(MonolithModule.forRoot(testEnvironment({ ADMIN_TOKEN: TOKEN })), {
      service: 'monolith',
    });
    await app.init();
    await app.startAllMicroservices();
  });

  afterAll(async () => {
    await app?.close();
    await target?.release();
    process.env = savedEnv;
  });

  it('is live and ready, with every database and relay checked', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'up' });
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('up');
    expect(ready.body.checks['database:messaging']).toBe('up');
  });

  it('serves Prometheus metrics, the platform ones included', async () => {
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.text).toContain('# HELP events_consumed_total');
    expect(res.text).toContain('# HELP outbox_backlog');
  });

  it('judges its alerts from its own metrics: all quiet when idle, from the outbox, dead letters and saga it hosts', async () => {
    const res = await request(app.getHttpServer()).get('/admin/alerts').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    const alerts = new Map<string, { state: string; details: string[] }>(
      res.body.alerts.map((a: { name: string; state: string; details: string[] }) => [a.name, a]),
    );
    expect([...alerts.values()].filter((a) => a.state !== 'quiet')).toEqual([]);
    // the collectors answered: the values come from the real tables, not from "nothing reported"
    expect(alerts.get('OutboxRowsTooOld')?.details).toEqual([
      expect.stringMatching(/^highest oldest row \(s\) 0 \(context=/),
    ]);
    expect(alerts.get('DeadLettersPending')?.details).toEqual([expect.stringMatching(/^highest pending 0 \(context=/)]);
    expect(alerts.get('SagaStepPastTimeout')?.details).toEqual([
      expect.stringMatching(/^highest waiting \(s\) 0 \(saga=order state=awaiting_/),
    ]);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
    const ui = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('answers GET / with what it is and where its docs, health and metrics are, without a token', async () => {
    const index = await request(app.getHttpServer()).get('/').expect(200);
    expect(index.body).toMatchObject({
      service: 'monolith',
      links: { docs: '/docs', openapi: '/docs-json', ready: '/health/ready', metrics: '/metrics' },
    });
    for (const link of Object.values(index.body.links as Record<string, string>)) {
      await request(app.getHttpServer()).get(link).expect(200);
    }
  });

  it('echoes a sane X-Correlation-Id and creates one otherwise', async () => {
    const given = await request(app.getHttpServer()).get('/health/live').set('X-Correlation-Id', 'req-123').expect(200);
    expect(given.headers['x-correlation-id']).toBe('req-123');
    const made = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes and malformed JSON with problem+json', async () => {
    const missing = await request(app.getHttpServer()).get('/no-such-thing').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found', instance: '/no-such-thing' });

    const malformed = await request(app.getHttpServer())
      .post('/health/live')
      .set('Content-Type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.body.status).toBe(400);
  });
});
