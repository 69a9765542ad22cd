import 'reflect-metadata';
import { createPlatformApp, loadDotEnv, startPlatformApp } from '@platform/http';
import { MonolithModule } from './monolith.module';

async function main(): Promise<void> {
  loadDotEnv();
  const app = await createPlatformApp(MonolithModule.forRoot(), { service: 'monolith' });
  await startPlatformApp(app);
}

main().catch((error: unknown) => {
  // the logger may not exist yet: this is the last word of a process that could not start
  process.stderr.write(`failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
