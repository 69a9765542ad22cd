/** A database URL fit for output: the password replaced by `***`, the rest as given. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]+@/, ':***@');
  }
}

/** the environment variable that points a context at its database (database-url.ts reads it) */
export function databaseUrlVariable(context: string): string {
  return `${context.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
}

/** database URLs name the same database when host, port and database name agree */
export function sameDatabase(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  const key = (u: URL) => `${u.hostname.toLowerCase()}:${u.port || '5432'}/${decodeURIComponent(u.pathname)}`;
  return key(x) === key(y);
}
