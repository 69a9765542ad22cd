import { DeadLetterRefusal } from '../dead-letter';
import { ProblemException } from './platform-http';

const STATUS_OF = { invalid: 400, not_found: 404, conflict: 409 } as const;

/** Runs an operation, answering its refusals as problem+json with their stable code. */
export async function answeringRefusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DeadLetterRefusal)) throw error;
    throw new ProblemException({ status: STATUS_OF[error.kind], code: error.code, detail: error.message });
  }
}
