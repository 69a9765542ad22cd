import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The platform's OpenAPI document: every controller of the app, admin auth declared once. */
export function createOpenApiDocument(app: INestApplication, title: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(title)
    .setDescription('Event-driven order platform. Errors are application/problem+json (RFC 9457).')
    // the API's version, not the package's: the document must not change with unrelated releases
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN, for admin endpoints' }, 'admin')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function setupOpenApi(app: INestApplication, title: string): void {
  SwaggerModule.setup('docs', app, () => createOpenApiDocument(app, title), { jsonDocumentUrl: 'docs-json' });
}
