// The admin API as the console calls it: the token from the log-in on every request, JSON in and
// out, and every failure turned into a sentence an operator can act on (never a stack trace).

const TOKEN_KEY = 'order-platform.console.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  start: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  end: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** a failed call, with the words to show */
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

/** the platform answered 401: the page goes back to the log-in */
export const LOGGED_OUT = 'console:logged-out';

export function get(path, query = {}) {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
  const suffix = search.toString() ? `?${search}` : '';
  return call('GET', `${path}${suffix}`);
}

export function post(path, body = {}) {
  return call('POST', path, body);
}

export function put(path, body = {}) {
  return call('PUT', path, body);
}

export async function call(method, path, body, token = session.token()) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(`The platform did not answer (${error.message}). Is it running?`, 0);
  }
  const text = await response.text();
  const json = text ? parseJson(text) : undefined;
  if (response.ok) return json;
  if (response.status === 401 && token === session.token()) window.dispatchEvent(new Event(LOGGED_OUT));
  throw new ApiError(describeProblem(response.status, json), response.status, json);
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** problem+json (RFC 9457) in words: its detail, and what was wrong with which field */
export function describeProblem(status, problem) {
  const words = problem?.detail ?? problem?.title ?? `The platform answered HTTP ${status}.`;
  const fields = Array.isArray(problem?.errors)
    ? problem.errors.map((e) => `${e.field}: ${e.problems.join(', ')}`).join('; ')
    : '';
  return fields ? `${words} (${fields})` : words;
}
