import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ALERT_CATALOGUE } from '@platform/observability';

// every runbook line points at docs/operations.md#<name>: that section must exist
describe('docs/operations.md', () => {
  const headings = readFileSync(resolve(__dirname, '../../docs/operations.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('## '))
    .map((line) => line.slice(3).trim());

  it('has a section per alert of the catalogue', () => {
    expect(headings).toEqual(expect.arrayContaining(ALERT_CATALOGUE.map((a) => a.name)));
  });
});
