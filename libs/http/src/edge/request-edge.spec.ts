import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpException } from '@nestjs/common';
import { ProblemException } from '../problem-details.filter';
import { inspectRequests, parserRefusals, requireJsonBodies } from './request-edge';

const response = {} as ServerResponse;

/** runs a middleware and says what it passed on: nothing (go on) or the error */
function passedOn(run: (next: (error?: unknown) => void) => void): unknown {
  let passed: unknown = 'not called';
  run((error) => (passed = error));
  return passed;
}

const problemOf = (error: unknown) => (error as HttpException).getResponse();

function request(headers: Record<string, string>, parsed: { body?: unknown; query?: unknown } = {}): IncomingMessage {
  return { headers, ...parsed } as unknown as IncomingMessage;
}

describe('requireJsonBodies', () => {
  const check = (headers: Record<string, string>) =>
    passedOn((next) => requireJsonBodies()(request(headers), response, next));

  it.each([
    ['no body', {}],
    ['an empty body of any type', { 'content-length': '0', 'content-type': 'text/plain' }],
    ['JSON', { 'content-length': '2', 'content-type': 'application/json' }],
    ['JSON with a charset', { 'content-length': '2', 'content-type': 'application/json; charset=utf-8' }],
    ['a +json type', { 'transfer-encoding': 'chunked', 'content-type': 'application/merge-patch+json' }],
    ['JSON in capitals', { 'content-length': '2', 'content-type': 'Application/JSON' }],
  ])('lets %s through', (_, headers) => {
    expect(check(headers)).toBeUndefined();
  });

  it.each([
    ['text/plain', { 'content-length': '2', 'content-type': 'text/plain' }],
    ['a form', { 'content-length': '2', 'content-type': 'application/x-www-form-urlencoded' }],
    ['no Content-Type', { 'transfer-encoding': 'chunked' }],
    ['a look-alike', { 'content-length': '2', 'content-type': 'application/jsonx' }],
  ])('refuses a body sent as %s with 415 REQUEST.NOT_JSON', (_, headers) => {
    const refused = check(headers);
    expect(refused).toBeInstanceOf(ProblemException);
    expect(problemOf(refused)).toMatchObject({ status: 415, code: 'REQUEST.NOT_JSON' });
  });
});

describe('parserRefusals', () => {
  const refuse = (error: unknown) => passedOn((next) => parserRefusals()(error, request({}), response, next));

  it.each([
    [{ type: 'entity.parse.failed', status: 400, message: 'Unexpected end' }, 400, 'REQUEST.MALFORMED_JSON'],
    [{ type: 'entity.too.large', status: 413, message: 'request entity too large' }, 413, 'REQUEST.TOO_LARGE'],
    [{ type: 'charset.unsupported', status: 415, message: 'koi8-r' }, 415, 'REQUEST.UNSUPPORTED_CHARSET'],
    [{ type: 'encoding.unsupported', status: 415, message: 'x-bogus' }, 415, 'REQUEST.UNSUPPORTED_ENCODING'],
    [{ status: 400, message: 'incorrect header check' }, 400, 'REQUEST.UNREADABLE_BODY'],
  ])('gives the parser error %p a code', (error, status, code) => {
    expect(problemOf(refuse(Object.assign(new Error(), error)))).toMatchObject({ status, code });
  });

  it('passes our own problems and anything that is not a 4xx on untouched', () => {
    const ours = new ProblemException({ status: 415, code: 'REQUEST.NOT_JSON' });
    const bug = new TypeError('a bug');
    expect(refuse(ours)).toBe(ours);
    expect(refuse(bug)).toBe(bug);
  });
});

describe('inspectRequests', () => {
  const inspect = (parsed: { body?: unknown; query?: unknown }) =>
    passedOn((next) => inspectRequests(3)(request({}, parsed), response, next));

  it('lets a sane body and query through, and a request that has neither', () => {
    expect(inspect({ body: { lines: [{ sku: 'A' }] }, query: { limit: '1' } })).toBeUndefined();
    expect(inspect({})).toBeUndefined();
  });

  it('refuses a body deeper than the limit with 400 REQUEST.TOO_DEEP, naming where', () => {
    expect(problemOf(inspect({ body: { a: { b: { c: {} } } } }))).toMatchObject({
      status: 400,
      code: 'REQUEST.TOO_DEEP',
      errors: [{ field: 'a.b.c' }],
    });
  });

  it('refuses text PostgreSQL cannot store in the query, naming the parameter', () => {
    expect(problemOf(inspect({ query: { group: 'a\u0000' } }))).toMatchObject({
      status: 400,
      code: 'REQUEST.INVALID',
      errors: [{ field: 'group' }],
    });
  });
});
