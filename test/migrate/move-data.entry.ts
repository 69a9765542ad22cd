// Test-only entry: `migrate move-data` as its own program, so tests can spawn it and read its
// exit status without the migration CLI's main.ts (scripts/migrate/main.ts registers the command).
import { moveDataCommand } from '../../scripts/migrate/move-data/move-data.command';

void moveDataCommand().parseAsync(process.argv);
