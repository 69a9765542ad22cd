import { unstorableText } from './storable-text';

/** One field of a request and what is wrong with it, as the problem's `errors` list it. */
export interface FieldProblem {
  readonly field: string;
  readonly problems: string[];
}

/** Keys that reach an object's prototype: never a field of any request, at any depth. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** enough to say what is wrong, without answering a hostile body with a huge problem */
const MAX_PROBLEMS = 50;

export type InputVerdict =
  | { readonly kind: 'ok' }
  | { readonly kind: 'too-deep'; readonly field: string; readonly maxDepth: number }
  | { readonly kind: 'invalid'; readonly errors: FieldProblem[] };

interface Pending {
  readonly value: unknown;
  readonly field: string;
  readonly depth: number;
  /** a key refused where it stands, reported in its turn */
  readonly refused?: FieldProblem;
}

/**
 * Walks parsed JSON (or a parsed query string) once, without recursion, so no nesting can
 * overflow the stack: refuses nesting beyond `maxDepth` (an object or array is one level), keys
 * that reach a prototype, `null` (no request field takes it: leave the field out) and text
 * PostgreSQL cannot store, in keys and values alike. Fields are named like the validation
 * pipe names them (`lines[0].sku`).
 */
export function inspectInput(input: unknown, maxDepth: number): InputVerdict {
  const errors: FieldProblem[] = [];
  const stack: Pending[] = [{ value: input, field: '', depth: 0 }];
  while (stack.length > 0 && errors.length < MAX_PROBLEMS) {
    const { value, field, depth, refused } = stack.pop()!;
    if (refused) {
      errors.push(refused);
    } else if (typeof value === 'string') {
      const problem = unstorableText(value);
      if (problem) errors.push({ field, problems: [`${field} ${problem}`] });
    } else if (value === null) {
      if (field) errors.push({ field, problems: [`${field} must not be null; leave it out instead`] });
    } else if (typeof value === 'object') {
      if (depth + 1 > maxDepth) return { kind: 'too-deep', field: field || '(body)', maxDepth };
      const children = Array.isArray(value)
        ? value.map((item, index) => ({ value: item, field: `${field}[${index}]`, depth: depth + 1 }))
        : Object.keys(value).map((key): Pending => {
            const child = field ? `${field}.${key}` : key;
            const problem = keyProblem(key, child);
            if (problem) return { value: undefined, field: child, depth: depth + 1, refused: problem };
            return { value: (value as Record<string, unknown>)[key], field: child, depth: depth + 1 };
          });
      // reversed onto the stack, so fields are reported in the order the client wrote them
      for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]);
    }
  }
  return errors.length > 0 ? { kind: 'invalid', errors } : { kind: 'ok' };
}

function keyProblem(key: string, field: string): FieldProblem | undefined {
  // the same words as the validation pipe's refusal of any other unknown field
  if (PROTOTYPE_KEYS.has(key)) return { field, problems: [`property ${key} should not exist`] };
  const problem = unstorableText(key);
  return problem ? { field, problems: [`the name of property ${field} ${problem}`] } : undefined;
}
