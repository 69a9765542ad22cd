import { inspectInput } from './inspect-input';

const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('inspectInput', () => {
  describe('depth', () => {
    it('counts each object or array as one level, and lets the limit itself through', () => {
      // given
      const order = { lines: [{ sku: 'SKU-1' }] }; // three levels
      // when / then
      expect(inspectInput(order, 3)).toEqual({ kind: 'ok' });
      expect(inspectInput(order, 2)).toEqual({ kind: 'too-deep', field: 'lines[0]', maxDepth: 2 });
      expect(inspectInput(nested(32), 32)).toEqual({ kind: 'ok' });
      expect(inspectInput(nested(33), 32)).toMatchObject({ kind: 'too-deep' });
    });

    it('measures a hundred thousand levels without overflowing the stack', () => {
      // given
      const deep = nested(100_000);
      // when / then
      expect(inspectInput(deep, 32)).toMatchObject({ kind: 'too-deep', maxDepth: 32 });
    });

    it('names the body itself when it is the level too many', () => {
      expect(inspectInput({}, 0)).toEqual({ kind: 'too-deep', field: '(body)', maxDepth: 0 });
    });

    it('does not count strings, numbers or booleans as levels', () => {
      expect(inspectInput({ a: 'x', b: 1, c: true }, 1)).toEqual({ kind: 'ok' });
    });
  });

  it('refuses keys that reach a prototype, at any depth, like any unknown field', () => {
    // given
    const body = JSON.parse('{"__proto__":{"a":1},"x":[{"constructor":{}}],"y":{"prototype":1}}');
    // when / then
    expect(inspectInput(body, 32)).toEqual({
      kind: 'invalid',
      errors: [
        { field: '__proto__', problems: ['property __proto__ should not exist'] },
        { field: 'x[0].constructor', problems: ['property constructor should not exist'] },
        { field: 'y.prototype', problems: ['property prototype should not exist'] },
      ],
    });
  });

  it('names every value and key PostgreSQL cannot store, in the order they were written', () => {
    // given
    const body = { name: 'a\u0000', lines: [{ sku: 'ok' }, { sku: '\ud800' }], 'k\u0000': 1 };
    // when
    const verdict = inspectInput(body, 32);
    // then
    expect(verdict).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'name', problems: ['name must not contain a NUL character (U+0000)'] },
        {
          field: 'lines[1].sku',
          problems: ['lines[1].sku must not contain an unpaired UTF-16 surrogate (not valid Unicode text)'],
        },
        { field: 'k\u0000', problems: ['the name of property k\u0000 must not contain a NUL character (U+0000)'] },
      ],
    });
  });

  it('refuses null for a field: no request takes it, a field is left out instead', () => {
    expect(inspectInput({ name: null, lines: [null] }, 32)).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'name', problems: ['name must not be null; leave it out instead'] },
        { field: 'lines[0]', problems: ['lines[0] must not be null; leave it out instead'] },
      ],
    });
  });

  it('checks a parsed query string the same way, naming the parameter', () => {
    // given: what the query parser makes of ?limit=1&cursor=a%00&tag=x&tag=y
    const query = { limit: '1', cursor: 'a\u0000', tag: ['x', 'y'] };
    // when / then
    expect(inspectInput(query, 32)).toEqual({
      kind: 'invalid',
      errors: [{ field: 'cursor', problems: ['cursor must not contain a NUL character (U+0000)'] }],
    });
  });

  it('answers a hostile body with at most 50 problems', () => {
    // given
    const body = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, '\u0000']));
    // when
    const verdict = inspectInput(body, 32);
    // then
    expect(verdict.kind === 'invalid' && verdict.errors).toHaveLength(50);
  });
});
