import committed from './openapi.json';

/** The parts of the committed OpenAPI document the document specs read. */
export interface Schema {
  $ref?: string;
  type?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
}

export const openapi = committed as unknown as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};

/** The body Swagger UI's "Try it out" starts from: every property's own example, nested. */
export function exampleOf(schema: Schema, schemas = openapi.components.schemas): unknown {
  const resolved = schema.$ref ? schemas[schema.$ref.split('/').pop() as string] : schema;
  if (resolved.example !== undefined) return resolved.example;
  if (resolved.type === 'array' && resolved.items) return [exampleOf(resolved.items, schemas)];
  if (resolved.properties) {
    return Object.fromEntries(
      Object.entries(resolved.properties).map(([key, value]) => [key, exampleOf(value, schemas)]),
    );
  }
  return undefined;
}

export function requestExample(path: string, method: string): unknown {
  return exampleOf(openapi.paths[path][method].requestBody!.content['application/json'].schema);
}
