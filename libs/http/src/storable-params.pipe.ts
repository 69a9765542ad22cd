import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { unstorableText } from './edge/storable-text';
import { ProblemException } from './problem-details.filter';
import { invalidRequestProblem } from './validation';

/**
 * The global pipe that runs before every other on path parameters: a decoded `%00` (or any text
 * PostgreSQL cannot store) is refused naming the parameter, whatever pipe or DTO the route uses.
 * Bodies and query strings are checked before routing (edge/request-edge.ts).
 */
@Injectable()
export class StorableParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param') return value;
    const fields: Array<[string, unknown]> =
      metadata.data !== undefined ? [[metadata.data, value]] : Object.entries((value ?? {}) as object);
    const errors = fields.flatMap(([field, text]) => {
      const problem = typeof text === 'string' ? unstorableText(text) : undefined;
      return problem ? [{ field, problems: [`${field} ${problem}`] }] : [];
    });
    if (errors.length > 0) throw new ProblemException(invalidRequestProblem(errors));
    return value;
  }
}
