import { runDeployable } from '@platform/http';
import { selectedContexts } from './contexts';

runDeployable('monolith', () => selectedContexts());
