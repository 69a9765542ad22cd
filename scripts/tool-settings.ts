import { setting, SettingGroup } from '@platform/config';

/**
 * Settings of the developer tools, read from the real environment only (not from .env). APP is
 * read by scripts/start.js itself, plain JavaScript that runs before anything is built.
 */
export const TOOL_SETTINGS = new SettingGroup('tools', {
  APP: setting.text('monolith', 'npm start: which app under dist/apps/ to run'),
  SCHEMAS_BASE_REF: setting.optional(
    'npm run schemas:check: the commit whose schemas the tree must stay compatible with (default HEAD)',
  ),
});
