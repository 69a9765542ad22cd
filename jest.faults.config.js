// The fault-injection suite (`npm run test:faults`, docs/reliability.md#failure-scenarios):
// test/faults/**/*.faults-spec.ts, the e2e project's settings with a longer timeout. Kept out of
// plain `npm test` (jest.config.js matches only *.spec, *.int-spec and *.e2e-spec): each scenario
// drives hundreds of orders through real processes for about a minute.
const base = require('./jest.config');

const e2e = base.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  projects: [{ ...e2e, displayName: 'faults', testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'] }],
  testTimeout: 180_000,
  reporters: base.reporters,
};
