// Test tiers by file suffix (STYLE.md #9): *.spec.ts pure and fast, *.int-spec.ts against real
// PostgreSQL / PGlite / Kafka, *.e2e-spec.ts the platform over HTTP. `npm test` runs all three.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@platform/(config|console|database|dead-letters|domain|events|host|http|messaging|observability|outbox|testing)$':
    '<rootDir>/libs/$1/src',
  '^@contexts/([a-z-]+)$': '<rootDir>/apps/$1/src',
};

const project = (displayName, suffix, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  // Node's environment, but each file's AsyncLocalStorages are disabled when it ends (see the file)
  testEnvironment: '<rootDir>/test/setup/node-environment.ts',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch: [`<rootDir>/{apps,libs,scripts,test}/**/*.${suffix}.ts`],
  setupFiles: ['<rootDir>/test/setup/env.ts'],
  ...extra,
});

module.exports = {
  projects: [
    project('unit', 'spec'),
    project('int', 'int-spec', {
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    }),
    project('e2e', 'e2e-spec', {
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    }),
  ],
  testTimeout: 60_000,
  // every failing test's message again at the very end of the run, whatever the number of files
  // (jest's default repeats them only past 20 files): CI keeps the tail of a long log
  reporters: [['default', { summaryThreshold: 0 }]],
  // Each test file's modules stay in memory after it ends: Node keeps every script compiled with a
  // dynamic-import hook, which jest installs under --experimental-vm-modules (PGlite needs it).
  // In one process that is 20 to 45 MB more heap per file that boots Nest. With this set jest runs the files in a
  // worker process even on one worker, and replaces the worker once a file leaves it above the
  // limit (docs/benchmarks.md#the-test-suite-in-one-process). --runInBand turns this off.
  workerIdleMemoryLimit: '300MB',
};
