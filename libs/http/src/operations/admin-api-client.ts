/** The dead-letter admin REST API, as the CLI calls it: JSON in and out, problem+json on errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; code?: string; errors?: unknown } | undefined,
  ) {
    const code = problem?.code ? ` ${problem.code}` : '';
    const fields = Array.isArray(problem?.errors)
      ? ` (${(problem.errors as Array<{ field: string; problems: string[] }>)
          .map((e) => `${e.field}: ${e.problems.join(', ')}`)
          .join('; ')})`
      : '';
    super(`HTTP ${status}${code}: ${problem?.detail ?? problem?.title ?? 'no details'}${fields}`);
  }
}

export class UnreachableApi extends Error {}

export class AdminApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  get<T>(path: string, query: Readonly<Record<string, string>> = {}): Promise<T> {
    const search = new URLSearchParams(query).toString();
    return this.call<T>('GET', search ? `${path}?${search}` : path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers: {
          Accept: 'application/json',
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new UnreachableApi(`cannot reach ${this.baseUrl}: ${cause}`);
    }
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) throw new ApiError(response.status, parsed as ApiError['problem']);
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 200) };
  }
}
