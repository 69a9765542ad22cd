import { getMetadataStorage } from 'class-validator';

/** where @nestjs/swagger keeps a property's @ApiProperty options (its DECORATORS.API_MODEL_PROPERTIES) */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

type Constraints = Record<string, unknown>;

/** the part of class-validator's ValidationMetadata read here (the class is not exported) */
export interface ValidationRule {
  readonly name?: string;
  readonly target: unknown;
  readonly propertyName: string;
  readonly constraints?: readonly unknown[];
  readonly each?: boolean;
}

/**
 * What each class-validator rule means in a JSON schema. The validators are what the API
 * enforces, so the document takes its lengths, ranges, patterns and formats from them instead of
 * from a second, hand-kept copy (@nestjs/swagger's CLI plugin does the same at compile time, which
 * our SWC builds do not run).
 */
const SCHEMA_OF: Record<string, (constraints: readonly unknown[]) => Constraints> = {
  isInt: () => ({ type: 'integer' }),
  min: ([min]) => ({ minimum: min }),
  max: ([max]) => ({ maximum: max }),
  isLength: ([min, max]) => ({ minLength: min, ...(max === undefined ? {} : { maxLength: max }) }),
  minLength: ([min]) => ({ minLength: min }),
  maxLength: ([max]) => ({ maxLength: max }),
  matches: ([pattern]) => ({ pattern: pattern instanceof RegExp ? pattern.source : String(pattern) }),
  isUuid: () => ({ format: 'uuid' }),
  isEmail: () => ({ format: 'email' }),
  arrayMinSize: ([min]) => ({ minItems: min }),
  arrayMaxSize: ([max]) => ({ maxItems: max }),
  isIn: ([values]) => ({ enum: values }),
  // validator.js compares upper-cased, so `gb` passes too
  isISO31661Alpha2: () => ({ pattern: '^[A-Za-z]{2}$' }),
};

/** The schema constraints class-validator enforces on one property (rules on array items excluded). */
export function schemaConstraintsOf(rules: readonly ValidationRule[]): Constraints {
  return Object.assign(
    {},
    ...rules.filter((rule) => !rule.each && rule.name !== undefined && rule.name in SCHEMA_OF).map(toSchema),
  ) as Constraints;
}

function toSchema(rule: ValidationRule): Constraints {
  return SCHEMA_OF[rule.name as string](rule.constraints ?? []);
}

/**
 * Adds to every documented request property the constraints its validators enforce. What
 * @ApiProperty states already wins (a test compares both); a whole number becomes `integer`.
 * Idempotent: every deployable calls it before it builds its document.
 */
export function documentValidationConstraints(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationRule[]> };
  for (const rules of storage.validationMetadatas.values()) {
    const byProperty = new Map<string, ValidationRule[]>();
    for (const rule of rules) {
      if (typeof rule.target !== 'function') continue;
      byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    }
    for (const [property, propertyRules] of byProperty) {
      const prototype = (propertyRules[0].target as { prototype: object }).prototype;
      const documented = Reflect.getMetadata(API_MODEL_PROPERTIES, prototype, property) as Constraints | undefined;
      // an undocumented property stays so: adding it here would guess whether it is required
      if (!documented) continue;
      const { type, ...constraints } = schemaConstraintsOf(propertyRules);
      const integer = type === 'integer' && (documented.type === Number || documented.type === 'number');
      const merged = { ...constraints, ...documented, ...(integer ? { type: 'integer' } : {}) };
      Reflect.defineMetadata(API_MODEL_PROPERTIES, merged, prototype, property);
    }
  }
}
