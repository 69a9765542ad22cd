/**
 * The Nest token of the environment snapshot a composition root read and validated at start.
 * Modules parse their own settings group from it in a provider factory; nothing else reads the process environment.
 */
export const ENVIRONMENT = Symbol('ENVIRONMENT');
