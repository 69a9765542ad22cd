// .env.example is the operator's list of settings: it must name exactly what the code declares
// (the catalogue: the platform's, every context's and the tools'), so neither can drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsCatalogue } from '@platform/config';
import { PLATFORM_SETTINGS } from '@platform/host';
import { MONOLITH_SETTINGS } from '../../apps/monolith/src/monolith.settings';
import { TOOL_SETTINGS } from '../../scripts/tool-settings';

const catalogue = new SettingsCatalogue([...PLATFORM_SETTINGS, ...MONOLITH_SETTINGS, TOOL_SETTINGS]);
const families = catalogue.groups.flatMap((group) => group.families);
const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
/** `# NAME=value` lines: each documented setting, commented out at its default */
const listed = [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);

describe('.env.example', () => {
  it('lists every setting the code declares', () => {
    expect(catalogue.names.filter((name) => !listed.includes(name))).toEqual([]);
  });

  it('lists nothing the code does not declare (a family such as <CONTEXT>_DATABASE_URL by example)', () => {
    const undeclared = listed.filter(
      (name) => !catalogue.names.includes(name) && !families.some((family) => family.pattern.test(name)),
    );
    expect(undeclared).toEqual([]);
  });

  it('lists each setting once', () => {
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
  });

  it('leaves the benchmarks’ knobs to docs/benchmarks.md', () => {
    expect(listed.filter((name) => name.startsWith('BENCH_'))).toEqual([]);
  });
});
