import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

// docker/compose.yaml, read as compose would (no Docker engine runs here): every Kafka node keeps
// its log on its mounted volume, the platform's services count as healthy once ready, and
// Prometheus gets the alert rules.
// js-yaml comes with @nestjs/swagger (which pins it) and has no type declarations here.
const { load } = createRequire(__filename)('js-yaml') as { load: (text: string) => unknown };

interface Service {
  readonly image?: string;
  readonly environment?: Record<string, unknown>;
  readonly volumes?: readonly string[];
  readonly healthcheck?: { readonly test?: readonly string[]; readonly disable?: boolean };
  readonly command?: readonly string[];
}

const compose = load(readFileSync(resolve(__dirname, '../../docker/compose.yaml'), 'utf8')) as {
  services: Record<string, Service>;
};
const services = Object.entries(compose.services);
const kafkaNodes = services.filter(([, s]) => s.image?.startsWith('apache/kafka'));
const platform = services.filter(([, s]) => s.image === 'order-platform/platform:local');

describe('docker/compose.yaml', () => {
  it('has three Kafka nodes and the platform services to check', () => {
    expect(kafkaNodes.map(([name]) => name)).toEqual(['kafka-1', 'kafka-2', 'kafka-3']);
    expect(platform.length).toBeGreaterThanOrEqual(9); // seven contexts, the provisioner, the monolith
  });

  it.each(kafkaNodes)('%s writes its log to the volume mounted for it', (name, service) => {
    const logDirs = String(service.environment?.KAFKA_LOG_DIRS ?? '(unset: the image default under /tmp)');
    const mounts = (service.volumes ?? []).map((v) => v.split(':'));
    expect(mounts).toContainEqual([`${name}-data`, logDirs]);
  });

  it('gives Prometheus the alert rules its configuration names', () => {
    const config = load(readFileSync(resolve(__dirname, '../../docker/prometheus/prometheus.yml'), 'utf8')) as {
      rule_files?: readonly string[];
    };
    expect(config.rule_files).toEqual(['alerts.yml']);
    expect(compose.services.prometheus.volumes).toContain('./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro');
  });

  it.each(platform.filter(([, s]) => !s.command))('%s is healthy once /health/ready answers', (_name, service) => {
    expect(service.healthcheck?.disable).not.toBe(true);
    expect(service.healthcheck?.test?.join(' ')).toContain('/health/ready');
  });
});
