import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { ALERT_CATALOGUE } from '@platform/observability';
import { findPromtool } from './promtool';

const TESTS = resolve(__dirname, '../../docker/prometheus/alerts.test.yml');

type CaseKind = 'fires' | 'quiet';

// js-yaml comes with @nestjs/swagger (which pins it) and has no type declarations here.
const { load } = createRequire(__filename)('js-yaml') as { load: (text: string) => unknown };

interface PromtoolTests {
  readonly tests: ReadonlyArray<{
    readonly alert_rule_test?: ReadonlyArray<{ readonly alertname: string; readonly exp_alerts?: readonly unknown[] }>;
  }>;
}

/** each `alert_rule_test` of the promtool test file: the alert it checks, and whether it expects it firing */
function casesIn(text: string): Array<{ alert: string; kind: CaseKind }> {
  return (load(text) as PromtoolTests).tests.flatMap((test) =>
    (test.alert_rule_test ?? []).map((c) => ({
      alert: c.alertname,
      kind: (c.exp_alerts ?? []).length > 0 ? 'fires' : 'quiet',
    })),
  );
}

describe('the Prometheus alert rules (docker/prometheus/alerts.yml)', () => {
  const promtool = findPromtool('test/alerts/alert-rules.int-spec.ts');
  const maybe = promtool ? it : it.skip;

  it('has, for every alert of the catalogue, a promtool case where it fires and one where it stays quiet', () => {
    const cases = casesIn(readFileSync(TESTS, 'utf8'));
    const kindsOf = (alert: string): CaseKind[] =>
      [...new Set(cases.filter((c) => c.alert === alert).map((c) => c.kind))].sort();
    expect(ALERT_CATALOGUE.map((a) => [a.name, kindsOf(a.name)])).toEqual(
      ALERT_CATALOGUE.map((a) => [a.name, ['fires', 'quiet']]),
    );
    // and no case tests an alert the catalogue does not have
    const names = new Set(ALERT_CATALOGUE.map((a) => a.name));
    expect(cases.filter((c) => !names.has(c.alert))).toEqual([]);
  });

  maybe('pass `promtool test rules`', () => {
    const run = spawnSync(promtool!, ['test', 'rules', TESTS], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: run.status, output: run.stdout + run.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });
});
