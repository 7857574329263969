// Aggregates a V8 .cpuprofile by layer (Next runtime, auth, zod, drizzle, PGlite…), module and function, mapping
// the production build's minified chunks back to their sources (original-frame.ts).
// CLI: tsx bench/cpuprofile-summary.ts <file.cpuprofile> [--top=25]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { originalFrame } from './original-frame';
import { layerOf, moduleOf } from './profile-layers';

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

type Frame = { layer: string; module: string; fn: string };
type Tally = Map<string, { self: number; total: number }>;

type ProfileRow = { name: string; selfMs: number; totalMs: number; selfPct: number; totalPct: number };

export type ProfileSummary = {
  /** Wall time the profile covers, and the part of it the main thread was busy (not idle). */
  wallMs: number;
  busyMs: number;
  layers: ProfileRow[];
  modules: ProfileRow[];
  functions: ProfileRow[];
  inclusive: ProfileRow[];
};

/** Where a frame's function really lives: original source file and name when the chunk has a source map. */
function resolve(frame: CallFrame): Frame {
  const { url, functionName, lineNumber, columnNumber } = frame;
  let file = url;
  let line = lineNumber;
  let name = functionName;
  const original = originalFrame(url, lineNumber, columnNumber);
  if (original) {
    file = original.file;
    line = original.line;
    // Minified names are one or two letters; the declared name says more.
    if (original.name && (!name || name.length <= 2)) name = original.name;
  }
  const owner = moduleOf(file, functionName);
  const layer = layerOf(owner, file);
  const short = file.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/[^/]+\//, '');
  const where = !file || file.startsWith('node:') || file.startsWith('wasm://') ? owner : `${short}:${line + 1}`;
  return { layer, module: owner, fn: `${name || '(anonymous)'} ${where}` };
}

function add(tally: Tally, key: string, field: 'self' | 'total', ms: number) {
  const entry = tally.get(key) ?? { self: 0, total: 0 };
  entry[field] += ms;
  tally.set(key, entry);
}

export function summarizeProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frames = new Map(profile.nodes.map((node) => [node.id, resolve(node.callFrame)]));
  const tallies = { layer: new Map(), module: new Map(), fn: new Map() } as Record<keyof Frame, Tally>;
  const layerOfFn = new Map([...frames.values()].map((frame) => [frame.fn, frame.layer]));

  let busyMs = 0;
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one.
    const ms = (timeDeltas[i + 1] ?? timeDeltas[i] ?? 0) / 1000;
    const leaf = samples[i]!;
    const leafFrame = frames.get(leaf)!;
    if (leafFrame.layer === 'idle') continue;
    busyMs += ms;
    for (const key of ['layer', 'module', 'fn'] as const) add(tallies[key], leafFrame[key], 'self', ms);
    // Inclusive: every distinct layer, module and function on the (synchronous) stack, once per sample.
    const seen = { layer: new Set<string>(), module: new Set<string>(), fn: new Set<string>() };
    for (let id: number | undefined = leaf; id !== undefined && byId.has(id); id = parent.get(id)) {
      const frame = frames.get(id)!;
      for (const key of ['layer', 'module', 'fn'] as const) {
        if (seen[key].has(frame[key])) continue;
        seen[key].add(frame[key]);
        add(tallies[key], frame[key], 'total', ms);
      }
    }
  }
  const pct = (ms: number) => Math.round((ms / busyMs) * 1000) / 10;
  const rows = (tally: Tally, n: number, by: 'self' | 'total' = 'self', keep: (name: string) => boolean = () => true) =>
    [...tally]
      .filter(([name]) => name !== 'root' && !name.startsWith('(root)') && keep(name))
      .sort((a, b) => b[1][by] - a[1][by])
      .slice(0, n)
      .map(([name, { self, total }]) => ({ name, selfMs: Math.round(self), totalMs: Math.round(total), selfPct: pct(self), totalPct: pct(total) }));
  return {
    wallMs: Math.round((profile.endTime - profile.startTime) / 1000),
    busyMs: Math.round(busyMs),
    layers: rows(tallies.layer, 40),
    modules: rows(tallies.module, top),
    functions: rows(tallies.fn, top),
    // Library internals (streams, pools) dominate a plain inclusive ranking; PromptLab's own functions say which step costs.
    inclusive: rows(tallies.fn, top, 'total', (fn) => (layerOfFn.get(fn) ?? '').startsWith('PromptLab')),
  };
}

/** The summary as text: layers by self time, then the top modules and functions; `per` adds a ms-per-unit column. */
export function formatSummary(title: string, summary: ProfileSummary, per?: { units: number; unit: string }): string {
  const perHead = per ? ` ${`ms/${per.unit}`.padStart(10)}` : '';
  const perCell = (ms: number) => (per ? ` ${(ms / per.units).toFixed(2).padStart(10)}` : '');
  const table = (heading: string, items: ProfileRow[], by: 'self' | 'total' = 'self') =>
    [
      `  ${heading.padEnd(84)} ${'self ms'.padStart(8)} ${'self %'.padStart(7)} ${'incl %'.padStart(7)}${perHead}`,
      ...items.map(
        (r) =>
          `  ${r.name.slice(0, 84).padEnd(84)} ${String(r.selfMs).padStart(8)} ${r.selfPct.toFixed(1).padStart(7)} ${r.totalPct.toFixed(1).padStart(7)}` +
          perCell(by === 'self' ? r.selfMs : r.totalMs),
      ),
    ].join('\n');
  return [
    `\n== ${title}: ${summary.busyMs} ms busy of ${summary.wallMs} ms wall (${Math.round((summary.busyMs / summary.wallMs) * 100)}% main-thread utilisation)`,
    '  self = the function itself was running; incl = it was anywhere on the synchronous stack (async roots such as\n' +
      '  runMicrotasks come close to 100%). Percentages are of busy (non-idle) main-thread time.',
    table('layer (ms/unit column: self)', summary.layers),
    table('module (by self; ms/unit: self)', summary.modules),
    table('function (by self; ms/unit: self)', summary.functions),
    table('PromptLab function (by inclusive; ms/unit: inclusive, synchronous parts only)', summary.inclusive, 'total'),
  ].join('\n\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? '')) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  for (const file of positionals) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    console.log(formatSummary(path.basename(file), summarizeProfile(profile, Number(values.top))));
  }
}
