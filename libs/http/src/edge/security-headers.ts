import helmet from 'helmet';

/**
 * Hardening headers on every answer (helmet): no X-Powered-By, `nosniff`, frame options and a
 * Content-Security-Policy. The policy is helmet's default, which Swagger UI at /docs lives with
 * (its scripts and styles come from /docs itself, its inline styles are allowed, its icons are
 * data: URIs), with two changes for a server often reached over plain HTTP on a laptop or a
 * private network: no `upgrade-insecure-requests`, which would send /docs's own scripts to an
 * https:// that is not there, and no Strict-Transport-Security, which is for whatever terminates
 * TLS in front of it to send, not for an app that does not know whether it does.
 */
export function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
  });
}
