import { Refusal } from '@platform/domain';
import { orProblem, problemFor } from './refused';

describe('a refusal over HTTP', () => {
  it.each([
    [Refusal.invalid('ORDER.UNKNOWN_SKU', 'no such sku'), 422],
    [Refusal.notFound('ORDER.NOT_FOUND', 'no such order'), 404],
    [Refusal.conflict('INVENTORY.DUPLICATE_SKU', 'exists'), 409],
  ])('answers %o with status %i and its code', (refusal, status) => {
    const problem = problemFor(refusal);
    expect(problem.getStatus()).toBe(status);
    expect(problem.getResponse()).toMatchObject({ code: refusal.code, detail: refusal.detail });
  });

  it('passes a result through', () => {
    expect(orProblem(7)).toBe(7);
    expect(() => orProblem(Refusal.conflict('X.Y', 'z'))).toThrow();
  });
});
