import { isRefusal, type Refusable, type Refusal, type RefusalKind } from '@platform/domain';
import { ProblemException } from './problem-details.filter';

const STATUS_OF: Record<RefusalKind, number> = { invalid: 422, 'not-found': 404, conflict: 409 };

/** A command handler's refusal as the problem+json an HTTP adapter answers with. */
export function problemFor(refusal: Refusal): ProblemException {
  const { kind, code, detail, errors } = refusal;
  return new ProblemException({ status: STATUS_OF[kind], code, detail, ...(errors ? { errors } : {}) });
}

/** The HTTP adapter's one line: the result, or the refusal thrown as its problem. */
export function orProblem<T>(result: Refusable<T>): T {
  if (isRefusal(result)) throw problemFor(result);
  return result;
}
