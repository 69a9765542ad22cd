import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

/** the deployable's name, as given to platformRoot */
export const PLATFORM_SERVICE = Symbol('PLATFORM_SERVICE');

class PlatformLinks {
  @ApiProperty({ example: '/docs', description: 'Swagger UI' })
  docs!: string;

  @ApiProperty({ example: '/docs-json', description: 'the OpenAPI document' })
  openapi!: string;

  @ApiProperty({ example: '/health/live' })
  live!: string;

  @ApiProperty({ example: '/health/ready' })
  ready!: string;

  @ApiProperty({ example: '/metrics', description: 'Prometheus' })
  metrics!: string;

  @ApiProperty({ example: '/console/', description: 'the operator console (asks for the admin token)' })
  console!: string;
}

export class PlatformIndexResponse {
  @ApiProperty({ example: 'Order platform' })
  name!: string;

  @ApiProperty({ example: 'monolith', description: 'this deployable' })
  service!: string;

  @ApiProperty({ example: 'An event-driven order pipeline: ...' })
  description!: string;

  @ApiProperty({ type: PlatformLinks })
  links!: PlatformLinks;
}

/** `GET /`: what a person who opens the bare address finds, instead of a 404. Public, like the docs. */
@ApiTags('platform')
@Controller()
export class PlatformIndexHttpController {
  constructor(@Inject(PLATFORM_SERVICE) private readonly service: string) {}

  @Get()
  @ApiOperation({ summary: 'What this deployment is, and links to its docs, health and metrics' })
  @ApiOkResponse({ type: PlatformIndexResponse, description: 'what this is, and where to look next' })
  index(): PlatformIndexResponse {
    return {
      name: 'Order platform',
      service: this.service,
      description:
        'An event-driven order pipeline: place an order over REST (POST /orders, 202 Accepted); stock, payment, ' +
        'shipping, notifications, loyalty and analytics react to its events. Every endpoint is in Swagger UI at /docs.',
      links: {
        docs: '/docs',
        openapi: '/docs-json',
        live: '/health/live',
        ready: '/health/ready',
        metrics: '/metrics',
        console: '/console/',
      },
    };
  }
}
