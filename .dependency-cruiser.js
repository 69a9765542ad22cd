// Module boundaries, stated in one place (STYLE.md #2, docs/adr/0002-module-boundaries.md).
// `npm run lint` runs `depcruise apps libs --config .dependency-cruiser.js`; any violation fails it.
// test/architecture/boundaries.int-spec.ts proves every rule below still bites.
//
// Paths are relative to the repository root. Packages resolve to `node_modules/<name>/...`
// (we do not follow into them), so package rules match on that prefix.

// The public surface of a context: its root module and its barrel (what `@contexts/<name>` resolves to).
// Named groups, not \1: dependency-cruiser joins pathNot arrays with `|`, which renumbers groups.
const CONTEXT_ROOT = '^apps/(?<ctx>[^/]+)/src/(?:\\k<ctx>\\.module|index)\\.ts$';

// Frameworks and drivers the domain must not know about (`@types/` too: a type import still couples).
const INFRASTRUCTURE_PACKAGES = '(^|/)node_modules/(@types/)?(@nestjs/[^/]+|typeorm|kafkajs|pg)(/|$)';

const KAFKAJS = '(^|/)node_modules/kafkajs(/|$)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-context',
      comment:
        'A bounded context never imports another context: contexts share only libs/ and event contracts, ' +
        'so each can be split out into its own service without untangling code.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/monolith/' },
      to: { path: '^apps/[^/]+/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-cross-context',
      comment:
        'The monolith composes contexts, so it may import each context root module (or its index, which ' +
        '@contexts/<name> resolves to) and nothing deeper: internals stay private even to the composer.',
      severity: 'error',
      from: { path: '^apps/monolith/' },
      to: { path: '^apps/[^/]+/', pathNot: ['^apps/monolith/', CONTEXT_ROOT] },
    },
    {
      name: 'libs-not-to-apps',
      comment:
        'libs/ is the shared platform every context builds on; a lib that imports an app drags that ' +
        'context into every other one and inverts the layering.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      comment:
        'Cycles make load order fragile (undefined imports at start-up, Nest forwardRef workarounds) and ' +
        'mean two modules are really one. Type-only imports count too: they still couple the modules.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment:
        'Decisions are pure functions of state, command and time (STYLE.md #6); the domain must not know ' +
        'about Nest, TypeORM, kafkajs or pg, so it can be tested without a framework, database or broker.',
      severity: 'error',
      from: { path: ['^apps/[^/]+/src/domain/', '^apps/[^/]+/src/.*/domain/', '^libs/domain/'] },
      to: { path: INFRASTRUCTURE_PACKAGES },
    },
    {
      name: 'adapters-go-through-the-bus',
      comment:
        'HTTP controllers and event subscriptions send commands and queries (CommandBus / QueryBus) and ' +
        'never touch persistence/ themselves: a command handler owns the transaction, joining the consumer ' +
        "pipeline's when it is given one (docs/adr/0009-commands-and-queries.md).",
      severity: 'error',
      from: {
        path: ['^apps/[^/]+/src/.+\\.http\\.controller\\.ts$', '^apps/[^/]+/src/.+\\.subscriptions?\\.ts$'],
      },
      to: { path: '^apps/[^/]+/src/persistence/' },
    },
    {
      name: 'kafkajs-only-in-kafka-transport',
      comment:
        'Business code never talks to a broker: kafkajs stays behind the Kafka transport so the in-process ' +
        'transport and Kafka are interchangeable by configuration, and kafkajs can be upgraded in one place.',
      severity: 'error',
      from: { pathNot: '^libs/messaging/src/kafka/' },
      to: { path: KAFKAJS },
    },
  ],
  options: {
    // Packages are reported but not followed. Do not add node_modules to `exclude`: excluded modules
    // vanish from the graph, and domain-is-pure and kafkajs-only-in-kafka-transport would never fire.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage)/' },
    // Test files stay included: a spec that reaches into another context is a boundary breach too.
    tsPreCompilationDeps: true,
    // Resolves the @platform/* and @contexts/* aliases (and baseUrl-relative imports) like tsc does.
    tsConfig: { fileName: 'tsconfig.json' },
    skipAnalysisNotInRules: true,
  },
};
