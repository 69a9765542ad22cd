import { runDeployable } from '@platform/http';
import { monolithModules } from './monolith.module';

runDeployable('monolith', () => monolithModules());
