import createClient, { type Client } from 'openapi-fetch';
import type { ContextName } from '../../../scripts/invariants/check-invariants';
import type { paths } from '../api/schema';
import { ADMIN_TOKEN } from './running-platform';

/**
 * Which context serves which path, as a gateway in front of split services would route them
 * (docs/deploy.md, stage 4). Paths not listed (the dead-letter admin routes) are served by
 * every process, so any will do.
 */
const OWNERS: ReadonlyArray<readonly [prefix: string, context: ContextName]> = [
  ['/orders', 'orders'],
  ['/products', 'inventory'],
  ['/admin/products', 'inventory'],
  ['/payments', 'payments'],
  ['/admin/payments', 'payments'],
  ['/shipments', 'shipping'],
  ['/admin/shipments', 'shipping'],
  ['/admin/shipping', 'shipping'],
  ['/notifications', 'notifications'],
  ['/admin/notifications', 'notifications'],
  ['/loyalty', 'loyalty'],
  ['/analytics', 'analytics'],
  ['/admin/analytics', 'analytics'],
];

export function ownerOf(path: string): ContextName | undefined {
  return OWNERS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1];
}

/** the base URL of the process that serves `context` now (undefined: any process) */
export type Router = (context: ContextName | undefined) => string;

/**
 * Typed clients whose every request goes to the process that owns its path, chosen at the time
 * of the request, so a test can move a context to another process while the clients stay.
 */
export function routedClients(route: Router): { api: Client<paths>; admin: Client<paths> } {
  const fetchRouted = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const target = `${route(ownerOf(url.pathname))}${url.pathname}${url.search}`;
    const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer();
    return fetch(target, { method: request.method, headers: request.headers, body });
  };
  // the host is never contacted: fetchRouted replaces it with the owning process's
  const baseUrl = 'http://platform.invalid';
  return {
    api: createClient<paths>({ baseUrl, fetch: fetchRouted }),
    admin: createClient<paths>({ baseUrl, fetch: fetchRouted, headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }),
  };
}
