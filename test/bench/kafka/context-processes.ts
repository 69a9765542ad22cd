/**
 * The seven deployables of the split-services stage (apps/<context>/src/main.ts): the contexts of
 * the monolith's CONTEXT_MODULES (apps/monolith/src/contexts.ts), listed here so the benchmark does
 * not load every context's code into its own process just to learn their names. kafka-bench-config.spec.ts
 * keeps the two lists equal.
 */
export const CONTEXT_PROCESSES: readonly string[] = [
  'orders',
  'inventory',
  'payments',
  'shipping',
  'notifications',
  'loyalty',
  'analytics',
];
