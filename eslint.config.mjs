// Lint rules for the whole repository (STYLE.md #12). CI runs `eslint . --max-warnings 0`.
// Type-aware linting is left off on purpose: it type-checks every file again and is too slow for
// the edit loop; `npm run typecheck` already runs tsc. Module boundaries live in .dependency-cruiser.js.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const KAFKAJS_MESSAGE = 'kafkajs may only be used inside the Kafka transport (libs/messaging/src/kafka/).';

// The few Node globals our plain JS files use; spelled out rather than importing `globals`,
// which is only a transitive dependency here.
const NODE_GLOBALS = {
  __dirname: 'readonly',
  __filename: 'readonly',
  Buffer: 'readonly',
  console: 'readonly',
  process: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setInterval: 'readonly',
  clearInterval: 'readonly',
  URL: 'readonly',
};

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    'data/',
    'coverage/',
    'libs/events/src/generated/',
    // CommonJS config files at the root, read by their tools.
    'jest.config.js',
    '.dependency-cruiser.js',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: {
        // Without type information the parser must be told about legacy decorators, or
        // consistent-type-imports would turn Nest's injected constructor types into
        // `import type` and erase the metadata Nest's DI reads at run time.
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kafkajs', message: KAFKAJS_MESSAGE }],
          patterns: [{ group: ['kafkajs/*'], message: KAFKAJS_MESSAGE }],
        },
      ],
    },
  },
  {
    // The Kafka transport is the one place that talks to kafkajs.
    files: ['libs/messaging/src/kafka/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Benchmarks, CLIs and test set-up print to the terminal on purpose.
    files: ['scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain CommonJS run by node directly (npm start): node globals, require allowed, no TS rules.
    files: ['scripts/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: NODE_GLOBALS },
  },
  prettier,
);
