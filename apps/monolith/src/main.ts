import { runDeployable } from '@platform/host';
import { monolithModules } from './monolith.module';
import { MONOLITH_SETTINGS } from './monolith.settings';

// the single binary's composition root: every context, or those CONTEXTS names
runDeployable(
  { service: 'monolith', settings: MONOLITH_SETTINGS, contexts: monolithModules },
  process.env,
  process.argv,
);
