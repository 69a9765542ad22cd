import { migrationNames, migrationsOf, MOVABLE_CONTEXTS } from './context-schemas';

describe("each context's migrations, as the CLI creates a target schema with them", () => {
  it('lists the seven contexts and not the shared messaging log', () => {
    expect([...MOVABLE_CONTEXTS].sort()).toEqual(
      ['analytics', 'inventory', 'loyalty', 'notifications', 'orders', 'payments', 'shipping'].sort(),
    );
  });

  it("reads a context's own migrations from its module, after the platform's tables", () => {
    const names = migrationNames(migrationsOf('payments'));
    expect(names).toEqual([
      'PlatformOutbox1764000000000',
      'PlatformOutboxPendingOrder1764000000003',
      'PlatformOutboxKey1766000000000',
      'PlatformInbox1764000000001',
      'DeadLetterOperations1764000000010',
      'DeadLetterRetention1764000000011',
      'PaymentsTables1764300000000',
    ]);
  });

  it.each(MOVABLE_CONTEXTS)('finds migrations of its own for %s', (context) => {
    expect(migrationsOf(context).length).toBeGreaterThan(5);
  });
});
