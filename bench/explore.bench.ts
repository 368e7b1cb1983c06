/**
 * Explorer benchmark (`npm run bench`): states/s and bytes per visited state on two machines.
 *
 *   mail   — the explore.md machine (tests/explore/fixtures/mail-machine.json): one vCPU, user
 *            tasks a and b, entries 2, three swapped pages each accessed once; explored completely.
 *   2vcpu  — two vCPUs with one user task each, entries 2, two swapped pages, each accessed once on
 *            each vCPU (four accesses); bounded by MAX_STATES_2VCPU.
 *
 * Prints, per machine: states, transitions, seconds and states/s (best of RUNS after a warm-up),
 * the visited set's bytes per state (VisitedSet.bytesPerState), the heap delta per state once the
 * search is over (frontier empty: what the visited set, parent links and findings cost), and the
 * peak frontier with the heap it held. Then a time split of the hot loop's parts on a sample of
 * frontier states: clone, pack / unpack, execute, encode + hash, enabledActors, visited-set insert.
 * Targets: ≥ 100 000 states/s, ≤ 64 bytes per visited state beyond the frontier. Not a test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cloneState, enabledActors, execute, type Scenario, type State } from '../src/engine';
import {
  advance,
  dropFrontier,
  progress,
  report,
  startExploration,
  type Exploration,
} from '../src/explore/explore';
import { VisitedSet } from '../src/explore/visited';
import { Arena } from '../src/explore/pack';
import { parseScenario } from '../src/share';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 3;
const MAX_STATES_2VCPU = 1_000_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapBytes(): number {
  gc();
  gc();
  const u = process.memoryUsage();
  // Typed arrays (the visited set) live outside the JS heap: count them too.
  return u.heapUsed + u.arrayBuffers;
}

function parsed(value: unknown): Scenario {
  const r = parseScenario(value);
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}

const mail = parsed(JSON.parse(readFileSync(join(ROOT, 'tests/explore/fixtures/mail-machine.json'), 'utf8')));

const twoVcpus = parsed({
  format: 've-playground/scenario',
  version: 1,
  title: 'Two vCPUs, one user task each, entries 2, two swapped pages accessed once on each vCPU',
  config: {
    entries: 2,
    vcpus: [{ tasks: [{ name: 'u0', mode: 'user' }] }, { tasks: [{ name: 'u1', mode: 'user' }] }],
    pages: [
      { gpa: '0x2000', backing: 'swapped' },
      { gpa: '0x3000', backing: 'swapped' },
    ],
  },
  actions: [],
});

interface Measure {
  states: number;
  transitions: number;
  complete: boolean;
  seconds: number;
  bytesPerState: number;
  heapPerState: number;
  peakFrontier: number;
  peakHeapMiB: number;
  findings: string;
}

function measure(input: Scenario, maxStates: number | undefined, track: boolean): Measure {
  const heap0 = track ? heapBytes() : 0;
  const t0 = performance.now();
  const ex = startExploration(input, { maxStates, now: () => performance.now() });
  let peakFrontier = 0;
  let peakHeap = 0;
  let nextCheck = 0;
  while (!advance(ex, 2048, () => performance.now())) {
    const p = progress(ex);
    if (p.frontier > peakFrontier) peakFrontier = p.frontier;
    // Live heap (after a gc), sampled every 100k states in the first run only: the frontier's cost.
    if (track && p.states >= nextCheck) {
      nextCheck = p.states + 100_000;
      peakHeap = Math.max(peakHeap, heapBytes() - heap0);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const r = report(ex);
  let heapPerState = 0;
  if (track) {
    // Drop the frontier of an incomplete search: what stays is what the search keeps per state.
    dropFrontier(ex);
    heapPerState = (heapBytes() - heap0) / r.states;
  }
  return {
    states: r.states,
    transitions: r.transitions,
    complete: r.complete,
    seconds,
    bytesPerState: ex.visited.bytesPerState(),
    heapPerState,
    peakFrontier,
    peakHeapMiB: peakHeap / 2 ** 20,
    findings: r.findings.map((f) => `${f.name}:${f.steps}`).join(' ') || 'none',
  };
}

/** ns per operation of each part of the hot loop, on frontier states of a partial search. */
function split(input: Scenario): Record<string, number> {
  const ex: Exploration = startExploration(input, { maxStates: 40_000 });
  while (!advance(ex, 4096)) {
    /* fill the frontier */
  }
  const nodes = Array.from({ length: Math.min(5000, ex.next.count) }, (_, i) => ex.packer.unpack(ex.next, i));
  const sample: State[] = nodes.map((n) => n.state);
  const budgets = nodes.map((n) => n.budget);
  const m = ex.machine;
  const reps = 20;
  const time = (work: () => void): number => {
    work(); // warm-up
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) work();
    return ((performance.now() - t0) * 1e6) / (reps * sample.length);
  };
  const actorsOf = sample.map((s) => enabledActors(m, s));
  const clone = time(() => {
    for (const s of sample) cloneState(s);
  });
  // execute alone: on fresh copies made outside the timed part.
  let execNs = 0;
  for (let r = 0; r <= reps; r++) {
    const copies = sample.map(cloneState);
    const t0 = performance.now();
    copies.forEach((c, i) => {
      const a = actorsOf[i]![0];
      if (a !== undefined) execute(m, c, a, null);
    });
    if (r > 0) execNs += (performance.now() - t0) * 1e6;
  }
  const enabled = time(() => {
    for (const s of sample) enabledActors(m, s);
  });
  const encode = time(() => {
    sample.forEach((s, i) => {
      ex.encoder.encode(m, s, budgets[i]!);
      ex.encoder.hashInto();
    });
  });
  const hashes = sample.map((s, i) => {
    ex.encoder.encode(m, s, budgets[i]!);
    ex.encoder.hashInto();
    return [ex.encoder.h1, ex.encoder.h2] as const;
  });
  const insert = time(() => {
    const v = new VisitedSet();
    for (const [h, l] of hashes) v.add(h, l, 0, 0);
  });
  const arena = new Arena();
  const pack = time(() => {
    arena.reset();
    sample.forEach((st, i) => ex.packer.pack(arena, st, budgets[i]!, i));
  });
  const unpack = time(() => {
    for (let i = 0; i < arena.count; i++) ex.packer.unpack(arena, i);
  });
  return {
    'clone (cloneState)': clone,
    'pack into the frontier arena': pack,
    'unpack from the arena': unpack,
    'execute (one step)': execNs / (reps * sample.length),
    'encode + hash': encode,
    enabledActors: enabled,
    'visited-set insert': insert,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const rows: [string, string][] = [];

for (const [name, input, maxStates] of [
  ['mail', mail, undefined],
  ['2vcpu', twoVcpus, MAX_STATES_2VCPU],
] as const) {
  measure(input, Math.min(maxStates ?? 200_000, 200_000), false); // warm-up (JIT)
  let best: Measure | null = null;
  for (let r = 0; r < RUNS; r++) {
    const m = measure(input, maxStates, r === 0);
    if (r === 0 || !best) best = m;
    else if (m.seconds < best.seconds)
      best = { ...m, heapPerState: best.heapPerState, peakHeapMiB: best.peakHeapMiB };
  }
  if (!best) continue;
  const rate = best.states / best.seconds;
  rows.push([
    `${name}: states / transitions`,
    `${fmt(best.states)} / ${fmt(best.transitions)} (${best.complete ? 'complete' : 'bounded by maxStates'})`,
  ]);
  rows.push([`${name}: findings`, best.findings]);
  rows.push([`${name}: seconds (best of ${RUNS})`, best.seconds.toFixed(3)]);
  rows.push([
    `${name}: states/s (target ≥ 100,000)`,
    `${fmt(rate)} ${rate >= 100_000 ? 'OK' : 'BELOW TARGET'}`,
  ]);
  rows.push([`${name}: visited set bytes/state`, best.bytesPerState.toFixed(1)]);
  rows.push([
    `${name}: heap bytes/state after (target ≤ 64)`,
    `${best.heapPerState.toFixed(1)} ${best.heapPerState <= 64 ? 'OK' : 'ABOVE TARGET'}`,
  ]);
  rows.push([
    `${name}: peak frontier (states) / heap MiB`,
    `${fmt(best.peakFrontier)} / ${best.peakHeapMiB.toFixed(0)}`,
  ]);
}

console.log('Explorer benchmark (hot loop split on the mail machine, ns per operation):');
for (const [k, v] of Object.entries(split(mail))) rows.push([`split: ${k}`, `${v.toFixed(0)} ns`]);
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
