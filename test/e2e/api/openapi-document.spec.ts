import { readdirSync, readFileSync, statSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join, resolve } from 'node:path';
import { DEMO_CATALOGUE } from '../../../apps/inventory/src/domain/demo-catalogue';
import { exampleOf } from './document-example';
import committed from './openapi.json';

/**
 * What a reader of Swagger UI relies on, checked over the committed document (`npm run api:check`
 * keeps it equal to what the code generates): examples that work on a fresh `npm start`, an
 * example per error answer with its own status and a code the platform really answers, one
 * naming of tags, security stated on every operation, and whole numbers typed as integers.
 */
interface Operation {
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; example?: unknown; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
}
interface Response {
  content?: Record<string, { schema?: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }>;
}
interface Schema {
  $ref?: string;
  type?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
  tags?: Array<{ name: string; description?: string }>;
}

const document = (process.env.OPENAPI_DOCUMENT
  ? JSON.parse(readFileSync(process.env.OPENAPI_DOCUMENT, 'utf8'))
  : committed) as unknown as Document;

const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method, operation, name: `${method} ${path}` })),
);

const catalogue = new Map(DEMO_CATALOGUE.map((product) => [product.sku, product]));

describe('the OpenAPI document', () => {
  describe('examples work against the demo catalogue of a fresh npm start', () => {
    it('POST /orders: its example names demo products, in their currency and stock, with a token that succeeds', () => {
      const body = exampleOf(
        document.paths['/orders'].post.requestBody!.content['application/json'].schema,
        document.components.schemas,
      ) as {
        currency: string;
        lines: Array<{ sku: string; quantity: number }>;
        paymentToken: string;
      };
      for (const line of body.lines) {
        const product = catalogue.get(line.sku);
        expect({ sku: line.sku, inCatalogue: product !== undefined }).toEqual({ sku: line.sku, inCatalogue: true });
        expect(product!.currency).toBe(body.currency);
        expect(line.quantity).toBeLessThanOrEqual(product!.initialStock);
      }
      // the fake processor declines, delays or times out only these (apps/payments/src/adapters)
      expect(body.paymentToken).toMatch(/^tok_/);
      expect(['tok_decline', 'tok_timeout', 'tok_flaky']).not.toContain(body.paymentToken);
    });

    it('every example SKU of an existing product is in the demo catalogue, and a new one is not', () => {
      const examples = [
        ...Object.entries(document.components.schemas).flatMap(([schema, { properties }]) =>
          properties?.sku?.example === undefined ? [] : [{ where: schema, sku: properties.sku.example }],
        ),
        ...operations.flatMap(({ name, operation }) =>
          (operation.parameters ?? [])
            .filter((parameter) => parameter.name === 'sku')
            .map((parameter) => ({ where: name, sku: parameter.example ?? parameter.schema?.example })),
        ),
      ];
      expect(examples.length).toBeGreaterThan(4);
      const misplaced = examples.filter(
        ({ where, sku }) => catalogue.has(sku as string) === (where === 'CreateProductRequest'),
      );
      expect(misplaced).toEqual([]);
    });
  });

  describe('error answers', () => {
    const errors = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => Number(status) >= 400)
        .map(([status, response]) => ({ name, status: Number(status), response })),
    );

    it('each documents problem+json examples with its own status and title', () => {
      const wrong = errors
        .filter(({ name, status }) => !(name === 'get /health/ready' && status === 503))
        .flatMap(({ name, status, response }) => {
          const examples = Object.values(response.content?.['application/problem+json']?.examples ?? {});
          if (examples.length === 0) return [`${name} ${status}: no problem+json example`];
          return examples
            .map(({ value }) => value as { status: number; title: string; code?: string })
            .filter(
              (problem) =>
                problem.status !== status ||
                problem.title !== STATUS_CODES[status] ||
                (status !== 400 && problem.code === 'REQUEST.INVALID'),
            )
            .map((problem) => `${name} ${status}: example ${JSON.stringify(problem)}`);
        });
      expect(errors.length).toBeGreaterThan(60);
      expect(wrong).toEqual([]);
    });

    it('every example code is one the code answers with, not only a documented one', () => {
      const codes = new Set(
        errors.flatMap(({ response }) =>
          Object.values(response.content?.['application/problem+json']?.examples ?? {})
            .map(({ value }) => (value as { code?: string }).code)
            .filter((code): code is string => code !== undefined),
        ),
      );
      const source = sourceOutsideApiProblem();
      const invented = [...codes].filter((code) => !source.includes(`'${code}'`));
      expect(codes.size).toBeGreaterThan(20);
      expect(invented).toEqual([]);
    });

    it('/health/ready documents its 503 with the readiness body', () => {
      const unavailable = document.paths['/health/ready'].get.responses['503'];
      expect(unavailable.content?.['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/ReadinessResponse',
      });
      expect(unavailable.content?.['application/json']?.example).toMatchObject({ status: 'down' });
    });
  });

  it('names admin tags one way, `admin: <what>`, exactly on the operations behind the admin scheme', () => {
    const misnamed = operations
      .filter(({ operation }) => {
        const admin = (operation.security ?? []).some((requirement) => 'admin' in requirement);
        return (operation.tags ?? []).some((tag) => tag.startsWith('admin: ') !== admin || /admin(?!: )/.test(tag));
      })
      .map(({ name, operation }) => `${name}: ${operation.tags?.join(', ')}`);
    expect(misnamed).toEqual([]);
  });

  it('declares every tag it uses, with a description', () => {
    const used = new Set(operations.flatMap(({ operation }) => operation.tags ?? []));
    const declared = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description ?? '']));
    expect([...used].filter((tag) => !declared.get(tag))).toEqual([]);
  });

  it('states security on every operation: the admin scheme under /admin, none elsewhere', () => {
    const wrong = operations
      .filter(({ path, operation }) => {
        const expected = path.startsWith('/admin/') ? [{ admin: [] }] : [];
        return JSON.stringify(operation.security) !== JSON.stringify(expected);
      })
      .map(({ name }) => name);
    expect(wrong).toEqual([]);
  });

  it('types every number as an integer: money is in minor units, the rest are counts', () => {
    const numbers: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      if ((node as Schema).type === 'number') numbers.push(at);
      for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
    };
    walk(document, '#');
    expect(numbers).toEqual([]);
  });

  it('answers GET / with an index, publicly', () => {
    expect(document.paths['/'].get.security).toEqual([]);
    expect(Object.keys(document.paths['/'].get.responses)).toEqual(['200']);
  });
});

/** apps/ and libs/ sources, with the @ApiProblem(...) decorators and example constants cut out */
function sourceOutsideApiProblem(): string {
  const root = resolve(__dirname, '../../..');
  const files = ['apps', 'libs'].flatMap((dir) => tsFiles(join(root, dir)));
  return files
    .map((file) => readFileSync(file, 'utf8'))
    .map((text) => cutCalls(text, '@ApiProblem('))
    .map((text) => text.replace(/: ProblemExample = \{[^}]*\}/g, ''))
    .join('\n');
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === 'test') return [];
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(path) ? [path] : [];
  });
}

function cutCalls(text: string, opening: string): string {
  let out = '';
  let at = 0;
  for (let start = text.indexOf(opening); start >= 0; start = text.indexOf(opening, at)) {
    out += text.slice(at, start);
    let depth = 0;
    let end = start + opening.length - 1;
    for (; end < text.length; end += 1) {
      if (text[end] === '(') depth += 1;
      if (text[end] === ')' && --depth === 0) break;
    }
    at = end + 1;
  }
  return out + text.slice(at);
}
