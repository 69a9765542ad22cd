// Loaded into the platform process by the orders benchmark (`node -r`), never by the platform
// itself: counts and times every statement the process sends through the pg driver, by its SQL
// text, without changing library code. The first SIGUSR2 starts a census; the second writes it as
// JSON to BENCH_QUERY_CENSUS_FILE, so it covers exactly the phase the benchmark measures.
// Plain CommonJS so it loads as it is beside dist/ (a TypeScript loader would recompile dist/ too).
'use strict';
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const process = require('node:process');
const { Client } = require('pg');

const file = process.env.BENCH_QUERY_CENSUS_FILE;
/** @type {Map<string, { sql: string, calls: number, ms: number }>} */
const census = new Map();
let recording = false;

// the same few hundred SQL strings recur: normalise each once
const normalised = new Map();
function textOf(query) {
  const text = typeof query === 'string' ? query : query && query.text;
  if (typeof text !== 'string') return '(other)';
  let sql = normalised.get(text);
  if (sql === undefined) {
    sql = text.replace(/\s+/g, ' ').trim();
    if (normalised.size < 10000) normalised.set(text, sql);
  }
  return sql;
}

// ms: from the driver's query() call to its answer (queueing on the client, round trip, parsing)
function count(sql, ms) {
  const entry = census.get(sql) || { sql, calls: 0, ms: 0 };
  entry.calls += 1;
  entry.ms += ms;
  census.set(sql, entry);
}

const original = Client.prototype.query;
Client.prototype.query = function timedQuery(...args) {
  if (!recording) return original.apply(this, args);
  const sql = textOf(args[0]);
  const started = performance.now();
  const last = args.length - 1;
  if (typeof args[last] === 'function') {
    const callback = args[last];
    args[last] = (...results) => {
      count(sql, performance.now() - started);
      callback(...results);
    };
    return original.apply(this, args);
  }
  const result = original.apply(this, args);
  if (result instanceof Promise) {
    const done = () => count(sql, performance.now() - started);
    result.then(done, done);
  }
  return result;
};

if (file) {
  process.on('SIGUSR2', () => {
    if (!recording) {
      census.clear();
      recording = true;
      return;
    }
    recording = false;
    writeFileSync(file, JSON.stringify([...census.values()]));
  });
}
