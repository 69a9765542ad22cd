import { databaseUrlVariable, maskUrl } from '../move-data/mask-url';

/** what `migrate shadow` prints last: how to start the shadow, check it, and go back */
export function startInstructions(
  context: string,
  options: { readonly liveDatabase: string; readonly shadowDatabase: string; readonly groupSuffix?: string },
): string {
  const settings = [
    'SHADOW=true',
    ...(options.groupSuffix ? [`SHADOW_GROUP_SUFFIX=${options.groupSuffix}`] : []),
    'TRANSPORT=kafka',
    `${databaseUrlVariable(context)}=${maskUrl(options.shadowDatabase)}`,
    `SHADOW_LIVE_DATABASE_URL=${maskUrl(options.liveDatabase)}`,
  ].join(' ');
  return [
    `next: start the shadow with the live deployment's KAFKA_* settings and these (a PORT of its own; the real passwords for ***):`,
    `  ${settings} node dist/apps/${context}/src/main.js`,
    `  from sources: ${settings} node -r @swc-node/register apps/${context}/src/main.ts`,
    `then compare: npm run migrate -- compare ${context} --live-database ${maskUrl(options.liveDatabase)} --shadow-database ${maskUrl(options.shadowDatabase)}`,
    `to stop: SIGTERM the shadow process; the live ${context} never depended on it (drop the shadow database when done)`,
  ].join('\n');
}
