// Loaded into the bench's server process only (`node --import ./bench/server-probe.mjs … next start`), never by
// the product. Counts the SQL statements both drivers send and starts and stops the V8 CPU profiler on request,
// so a profile covers exactly one load phase. Control endpoints listen on 127.0.0.1:$BENCH_PROBE_PORT.
import fs from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const port = Number(process.env.BENCH_PROBE_PORT);
const statements = new Map();
// Statements are only queued on the hot path (SQL text, or the wire bytes holding it) and tallied when read,
// so the probe adds as little as possible to the profile it is taking.
let pending = [];

function count(sqlOrBytes) {
  pending.push(sqlOrBytes);
  if (pending.length > 100_000) tally();
}

function tally() {
  for (const item of pending) {
    const sql = typeof item === 'string' ? item : Buffer.from(item).toString('utf8');
    statements.set(sql, (statements.get(sql) ?? 0) + 1);
  }
  pending = [];
}

// Column lists make every statement look alike; keep what tells them apart (tables, joins, WHERE, SET).
function shorten(sql) {
  const columns = (list) => `[${list.split(/", ?"|", "|,\s*/).length} columns]`;
  return sql
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^select (.+?) from "/i, (_, list) => `select ${columns(list)} from "`)
    .replace(/^insert into ("\w+") \((.+?)\) values \(.+?\)( on conflict| returning|$)/i, (_, table, list, rest) => `insert into ${table} ${columns(list)} values (…)${rest}`)
    .replace(/ returning .+$/i, ' returning …')
    .slice(0, 400);
}

// Frontend wire messages: type byte, int32 length (itself included), payload. Parse ('P') is name\0 query\0 …;
// a simple Query ('Q') is query\0. Each one is one statement sent to PostgreSQL.
const copy = Uint8Array.prototype.slice;

function countWireMessages(bytes) {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 5 <= view.length; ) {
    const type = view[at];
    const length = view.readInt32BE(at + 1);
    const payload = view.subarray(at + 5, at + 1 + length);
    // A copy (Uint8Array's slice, not Buffer's view): the caller may reuse its buffer.
    if (type === 0x51) count(copy.call(payload, 0, payload.indexOf(0)));
    if (type === 0x50) {
      const queryStart = payload.indexOf(0) + 1;
      count(copy.call(payload, queryStart, payload.indexOf(0, queryStart)));
    }
    at += 1 + length;
  }
}

async function patchDrivers() {
  const require = createRequire(import.meta.url);
  // Turbopack may load either build of an external package; patch both so every statement is seen once.
  const pglites = [(await import('@electric-sql/pglite')).PGlite, require('@electric-sql/pglite').PGlite];
  for (const PGlite of new Set(pglites)) {
    const original = PGlite.prototype.execProtocolStream;
    PGlite.prototype.execProtocolStream = function (message, options) {
      countWireMessages(message);
      return original.call(this, message, options);
    };
  }
  const { Client } = require('pg');
  const query = Client.prototype.query;
  Client.prototype.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text;
    if (typeof text === 'string') count(text);
    return query.call(this, config, ...rest);
  };
}

const session = new Session();
let profiling = false;

async function route(req) {
  const url = new URL(req.url ?? '/', 'http://probe');
  if (url.pathname === '/counters') {
    tally();
    let total = 0;
    const merged = new Map();
    for (const [sql, n] of statements) {
      const key = shorten(sql);
      merged.set(key, (merged.get(key) ?? 0) + n);
      total += n;
    }
    const byStatement = [...merged].sort((a, b) => b[1] - a[1]).map(([sql, n]) => ({ sql, n }));
    return { total, byStatement, cpu: process.cpuUsage(), elu: performance.eventLoopUtilization(), memory: process.memoryUsage() };
  }
  if (url.pathname === '/counters/reset') {
    statements.clear();
    pending = [];
    return { total: 0 };
  }
  if (url.pathname === '/profile/start') {
    if (!profiling) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: Number(url.searchParams.get('intervalUs') ?? 500) });
      await session.post('Profiler.start');
      profiling = true;
    }
    return { profiling };
  }
  if (url.pathname === '/profile/stop') {
    if (!profiling) throw new Error('the profiler is not running');
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    profiling = false;
    const file = url.searchParams.get('file');
    if (file) fs.writeFileSync(file, JSON.stringify(profile));
    return { file, samples: profile.samples.length };
  }
  throw new Error(`unknown probe endpoint ${url.pathname}`);
}

if (isMainThread && port) {
  await patchDrivers();
  http
    .createServer((req, res) => {
      route(req).then(
        (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        (error) => res.writeHead(500).end(String(error?.message ?? error)),
      );
    })
    .listen(port, '127.0.0.1');
}
