/** One request the API must refuse with a 4xx problem+json that says what is wrong. */
export interface BadRequest {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** the OpenAPI path template, to prove every endpoint is covered */
  readonly route: string;
  readonly path: string;
  /** true: the right admin token; a string: this Authorization header; absent: none */
  readonly auth?: true | string;
  readonly headers?: Readonly<Record<string, string>>;
  /** an object is sent as JSON; `raw` is sent as is */
  readonly body?: unknown;
  readonly raw?: { readonly text: string; readonly contentType: string };
  readonly status: number;
  /** the problem (as JSON text) must match this: the field or reason it names */
  readonly says: RegExp;
}

/** a GET the API must refuse; `auth` true sends the admin token */
export const badGet = (
  name: string,
  route: string,
  path: string,
  status: number,
  says: RegExp,
  auth?: true,
): BadRequest => ({ name, method: 'GET', route, path, status, says, auth });

/** What the table needs from the running platform: ids of things that exist. */
export interface BadRequestFixtures {
  readonly sku: string;
  readonly orderId: string;
}

export const UNKNOWN_UUID = '0192f5a4-0000-7000-8000-00000000dead';
