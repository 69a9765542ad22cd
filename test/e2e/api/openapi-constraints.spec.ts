import { readFileSync } from 'node:fs';
import { getMetadataStorage } from 'class-validator';
import { MonolithModule } from '../../../apps/monolith/src/monolith.module';
import { schemaConstraintsOf, type ValidationRule } from '../../../libs/http/src/openapi-constraints';
import committed from './openapi.json';

/**
 * The document states every length, range, pattern, format and integer type that class-validator
 * enforces on a request, for every DTO the monolith's controllers take, so the two cannot drift:
 * a validator changed without the document (or an @ApiProperty saying otherwise) fails here.
 */
interface Schema {
  [constraint: string]: unknown;
  properties?: Record<string, Schema>;
}
interface Parameter {
  name: string;
  in: string;
  schema: Schema;
}
const document = (process.env.OPENAPI_DOCUMENT
  ? JSON.parse(readFileSync(process.env.OPENAPI_DOCUMENT, 'utf8'))
  : committed) as unknown as {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  components: { schemas: Record<string, Schema> };
};

// loading the monolith's module tree loads every controller and so every request DTO
void MonolithModule;

/**
 * Each validated class that is not only a base of another (by name) and, per property, the rules
 * class-validator runs on it, its base classes' included.
 */
function validatedClasses(): Map<string, Map<string, ValidationRule[]>> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationRule[]> };
  const rules = [...storage.validationMetadatas.values()].flat().filter((rule) => typeof rule.target === 'function');
  const targets = [...new Set(rules.map((rule) => rule.target as new () => unknown))];
  const leaves = targets.filter((target) => !targets.some((other) => other.prototype instanceof target));
  return new Map(
    leaves.map((leaf) => {
      const properties = new Map<string, ValidationRule[]>();
      for (const rule of rules) {
        const target = rule.target as new () => unknown;
        if (target !== leaf && !(leaf.prototype instanceof target)) continue;
        properties.set(rule.propertyName, [...(properties.get(rule.propertyName) ?? []), rule]);
      }
      return [leaf.name, properties];
    }),
  );
}

/** where the document describes a class's properties: its schema, or the parameters of the operations it types */
function documentedAs(name: string, properties: readonly string[]): Array<Record<string, Schema>> {
  const schema = document.components.schemas[name];
  if (schema) return [schema.properties ?? {}];
  const wanted = [...properties].sort().join(',');
  return Object.values(document.paths)
    .flatMap((item) => Object.values(item))
    .flatMap(({ parameters = [] }) =>
      ['query', 'path'].map((where) => parameters.filter((parameter) => parameter.in === where)),
    )
    .filter((group) => group.length > 0 && group.map((parameter) => parameter.name).sort().join(',') === wanted)
    .map((group) => Object.fromEntries(group.map((parameter) => [parameter.name, parameter.schema])));
}

/** constraints a schema may state only because a validator enforces them (formats such as date-time aside) */
const ENFORCED_ONLY = ['minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'minItems', 'maxItems', 'enum'];

function differences(expected: Record<string, unknown>, stated: Schema): string[] {
  const missing = Object.entries(expected)
    .filter(([constraint, value]) => JSON.stringify(stated[constraint]) !== JSON.stringify(value))
    .map(
      ([constraint, value]) =>
        `${constraint}: validator ${JSON.stringify(value)}, document ${JSON.stringify(stated[constraint])}`,
    );
  const unenforced = [...ENFORCED_ONLY, ...(['uuid', 'email'].includes(stated.format as string) ? ['format'] : [])]
    .filter((constraint) => stated[constraint] !== undefined && expected[constraint] === undefined)
    .map((constraint) => `${constraint}: document ${JSON.stringify(stated[constraint])}, no validator enforces it`);
  return [...missing, ...unenforced];
}

describe('the OpenAPI document and class-validator', () => {
  const classes = [...validatedClasses()];

  it('finds the request DTOs', () => {
    expect(classes.map(([name]) => name)).toEqual(
      expect.arrayContaining(['PlaceOrderRequest', 'OrderLineRequest', 'ShippingAddressRequest', 'ListProductsQuery']),
    );
  });

  it.each(classes.map(([name, properties]) => [name, properties] as const))(
    '%s: every constraint its validators enforce is stated',
    (name, properties) => {
      const places = documentedAs(name, [...properties.keys()]);
      expect({ name, documented: places.length > 0 }).toEqual({ name, documented: true });
      const wrong = places.flatMap((documented) =>
        [...properties].flatMap(([property, rules]) => {
          const stated = documented[property];
          if (!stated) return [`${property}: not in the document`];
          return differences(schemaConstraintsOf(rules), stated).map((problem) => `${property}: ${problem}`);
        }),
      );
      expect(wrong).toEqual([]);
    },
  );
});
