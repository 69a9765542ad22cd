import { copyOrder, formatPlan, migrationMismatch, planMove, shapeMismatch } from './move-plan';
import type { TableColumns } from './schema-catalog';

function table(name: string, signature: string[]): TableColumns {
  return { schema: 'payments', table: name, columns: signature.map((s) => s.split(' ')[0]), signature };
}

describe('planning a move', () => {
  const sourceTables = [
    { table: 'inbox', rows: 12 },
    { table: 'payment', rows: 3 },
  ];

  it('given an empty or absent target, plans the copy with nothing refused', () => {
    // given
    const target = { schemaExists: false, rows: new Map<string, number>() };
    // when
    const plan = planMove({ context: 'payments', sourceTables, target, force: false, refusals: [] });
    // then
    expect(plan.refusals).toEqual([]);
    expect(plan.emptiesTarget).toBe(false);
    expect(formatPlan(plan)).toMatch(/total +15\n/);
    expect(formatPlan(plan)).toContain('no schema payments yet: its migrations will create it');
  });

  it('given a target that holds rows, refuses without --force and empties it first with --force', () => {
    // given
    const target = {
      schemaExists: true,
      rows: new Map([
        ['inbox', 0],
        ['payment', 7],
      ]),
    };
    // when
    const refused = planMove({ context: 'payments', sourceTables, target, force: false, refusals: [] });
    const forced = planMove({ context: 'payments', sourceTables, target, force: true, refusals: [] });
    // then
    expect(refused.refusals).toEqual([expect.stringContaining('already holds 7 row(s)')]);
    expect(formatPlan(refused)).toContain('holds 7 row(s) (payment 7): a real run refuses');
    expect(forced.refusals).toEqual([]);
    expect(forced.emptiesTarget).toBe(true);
  });

  it('keeps the refusals found before planning (a running context)', () => {
    const target = { schemaExists: true, rows: new Map([['inbox', 0]]) };
    const plan = planMove({
      context: 'payments',
      sourceTables,
      target,
      force: true,
      refusals: ['payments is running'],
    });
    expect(plan.refusals).toEqual(['payments is running']);
  });
});

describe('the source schema must be what this version creates', () => {
  it('given the same migrations, finds no difference', () => {
    expect(migrationMismatch(['A1', 'B2'], ['A1', 'B2'])).toEqual([]);
  });

  it('given a source behind or ahead of this version, or not migrated by the platform, says what to do', () => {
    expect(migrationMismatch(['A1', 'B2'], ['A1'])).toEqual([expect.stringContaining('lacks migration(s) B2')]);
    expect(migrationMismatch(['A1'], ['A1', 'C3'])).toEqual([expect.stringContaining('does not know: C3')]);
    expect(migrationMismatch(['A1'], undefined)).toEqual([expect.stringContaining('no migrations table')]);
  });

  it('compares the two sides table by table and column by column', () => {
    const source = [table('payment', ['order_id uuid', 'status text']), table('extra', ['id bigint'])];
    const target = [table('payment', ['order_id uuid', 'status character varying']), table('inbox', ['id uuid'])];
    expect(shapeMismatch(source, target)).toEqual([
      expect.stringContaining('table payment differs'),
      'table extra is on the source only',
      'table inbox is on the target only',
    ]);
    expect(shapeMismatch(source, source)).toEqual([]);
  });
});

describe('the order tables are copied in', () => {
  it('puts a table after the tables its foreign keys reference, and otherwise sorts by name', () => {
    // given: orders.order_lines -> orders.orders; a self-reference needs nothing before it
    const order = copyOrder(
      ['order_lines', 'outbox', 'orders', 'saga'],
      [
        ['order_lines', 'orders'],
        ['saga', 'saga'],
      ],
    );
    expect(order).toEqual(['orders', 'order_lines', 'outbox', 'saga']);
  });

  it('refuses a cycle of foreign keys between tables', () => {
    expect(() =>
      copyOrder(
        ['a', 'b'],
        [
          ['a', 'b'],
          ['b', 'a'],
        ],
      ),
    ).toThrow('cycle between a, b');
  });
});
