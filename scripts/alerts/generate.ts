/**
 * `npm run alerts:generate` writes docker/prometheus/alerts.yml from the alert catalogue;
 * `npm run alerts:check` (CI) fails when the committed file differs from what it would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderRules, RULES_FILE } from './prometheus-rules';

async function main(): Promise<void> {
  const path = resolve(__dirname, '../..', RULES_FILE);
  const rules = await renderRules();
  if (!process.argv.includes('--check')) {
    writeFileSync(path, rules);
    console.log(`wrote ${RULES_FILE}`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(path, 'utf8');
  } catch {
    // a missing file differs like any other
  }
  if (committed !== rules) {
    console.error(`${RULES_FILE} is not what the alert catalogue generates: run \`npm run alerts:generate\``);
    process.exitCode = 1;
    return;
  }
  console.log(`${RULES_FILE} matches the alert catalogue`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
