import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentValidationConstraints } from './openapi-constraints';

/**
 * Every tag an operation may carry, in the order Swagger UI lists them, with what it groups.
 * Operator endpoints are `admin: <what>`, all of them behind the `admin` bearer scheme.
 */
export const API_TAGS: Readonly<Record<string, string>> = {
  platform: 'What this deployment is and where its documentation, health and metrics are',
  orders: 'Place, follow and cancel orders; the order saga runs asynchronously behind them',
  products: 'The public catalogue: products, prices and what is available to order',
  payments: "An order's payment, as customers and support see it",
  shipping: "An order's shipment: status, carrier and tracking number",
  notifications: 'The e-mails sent about an order',
  loyalty: "A customer's points balance and ledger",
  analytics: 'Read models built from the order events: funnel, revenue, best sellers',
  operations: 'Liveness, readiness and Prometheus metrics, for orchestrators and monitoring',
  'admin: inventory': 'Operators: create and change products, adjust stock (Bearer ADMIN_TOKEN)',
  'admin: payments': "Operators: the fake payment processor's failure mode (Bearer ADMIN_TOKEN)",
  'admin: shipping': "Operators: advance shipments, the fake carrier's failure mode (Bearer ADMIN_TOKEN)",
  'admin: notifications': "Operators: the fake e-mail gateway's mode (Bearer ADMIN_TOKEN)",
  'admin: analytics':
    "Operators: the analytics consumer's failure mode, and rebuilding its read models (Bearer ADMIN_TOKEN)",
  'admin: dead letters': 'Operators: list, show, re-drive and discard dead letters (Bearer ADMIN_TOKEN)',
  'admin: alerts': "Operators: which of Prometheus' alerts would fire now, with their runbooks (Bearer ADMIN_TOKEN)",
  'admin: invariants': "Operators: check the order flow's invariants on the running platform (Bearer ADMIN_TOKEN)",
  'admin: console': 'The operator console at /console: its log-in and the views only it needs (Bearer ADMIN_TOKEN)',
};

/** The platform's OpenAPI document: every controller of the app, admin auth declared once. */
export function createOpenApiDocument(app: INestApplication, title: string): OpenAPIObject {
  documentValidationConstraints();
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription('Event-driven order platform. Errors are application/problem+json (RFC 9457).')
    // the API's version, not the package's: the document must not change with unrelated releases
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // relative: Swagger UI's "Try it out" calls the deployment that served the document
    .addServer('/', 'this deployment')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN, for admin endpoints' }, 'admin')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  return withTagsAndPublicSecurity(document);
}

/**
 * Declares the tags this deployable's operations use, and says `security: []` on every operation
 * that does not name a scheme: at run time an endpoint is public unless AdminOnly() guards it, and
 * AdminOnly() documents the `admin` scheme.
 */
function withTagsAndPublicSecurity(document: OpenAPIObject): OpenAPIObject {
  const used = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const) {
      const operation = item[method];
      if (!operation) continue;
      operation.security ??= [];
      for (const tag of operation.tags ?? []) used.add(tag);
    }
  }
  const tags = Object.entries(API_TAGS)
    .filter(([name]) => used.has(name))
    .map(([name, description]) => ({ name, description }));
  // a tag missing from API_TAGS is still declared, without description: the document test names it
  for (const name of used) if (!(name in API_TAGS)) tags.push({ name, description: '' });
  return { ...document, tags };
}

/** Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function setupOpenApi(app: INestApplication, title: string): void {
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app, title), { jsonDocumentUrl: 'docs-json' });
}
