/**
 * Explorer benchmark (`npm run bench`, issue 13 item 7): states/s and bytes per visited state of
 * the explorer (src/explore), of the explorer as it was before the packed state vector
 * (bench/before/) and of a plain reference explorer (bench/referenceExplorer.ts: cloneState and a
 * JSON-key Set), all in this one process, repetitions interleaved so the machine's load falls on
 * all three alike. Machines:
 *
 *   mail   — the explore.md machine (tests/explore/fixtures/mail-machine.json): one vCPU, user
 *            tasks a and b, entries 2, three swapped pages each accessed once; explored completely.
 *   2vcpu  — two vCPUs with one user task each, entries 2, two swapped pages, each accessed once on
 *            each vCPU (four accesses); bounded by MAX_STATES_2VCPU (the reference: REF_2VCPU).
 *
 * Prints medians of RUNS repetitions (after WARMUPS whole searches each) of wall-clock states/s and of states per
 * CPU-second of this process (less disturbed by other processes on a shared machine), with
 * `os.loadavg()` beside, each figure beside its target: ≥ 4 × before, ≥ 100 × the reference,
 * bytes per visited state ≤ 62.6 (before's, on the mail machine). Then the state vector's size
 * and a split of the hot loop on frontier states: decode, step, encode + hash, visited insert.
 * Not a test.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beginTick, execute, nextLabel, type Scenario } from '../src/engine';
import { advance, dropFrontier, report, startExploration, type ExploreReport } from '../src/explore/explore';
import * as before from './before/explore';
import { referenceExplore } from './referenceExplorer';
import { VisitedSet } from '../src/explore/visited';
import { parseScenario } from '../src/share';

const ROOT = join(import.meta.dirname, '..');
const RUNS = 3;
/** Whole searches per explorer before the measured ones. */
const WARMUPS = 3;
const MAX_STATES_2VCPU = 300_000;
const REF_2VCPU = 30_000;
const BEFORE_BYTES_PER_STATE = 62.6;

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

interface Sample {
  states: number;
  transitions: number;
  complete: boolean;
  seconds: number;
  cpuSeconds: number;
  load: number;
  bytesPerState: number;
  findings: string;
}

const cpuNow = (): number => process.cpuUsage().user / 1e6;

function timed(work: () => Omit<Sample, 'seconds' | 'cpuSeconds' | 'load'>): Sample {
  const load = loadavg()[0]!;
  const c0 = cpuNow();
  const t0 = performance.now();
  const r = work();
  return { ...r, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuNow() - c0, load };
}

const findingsOf = (r: { findings: ExploreReport['findings'] }): string =>
  r.findings.map((f) => `${f.name}:${f.steps}`).join(' ') || 'none';

function after(input: Scenario, maxStates: number | undefined): Sample {
  return timed(() => {
    const ex = startExploration(input, { maxStates });
    while (!advance(ex, 4096)) {
      /* keep going */
    }
    const r = report(ex);
    return { ...r, bytesPerState: ex.visited.bytesPerState(), findings: findingsOf(r) };
  });
}

function beforeRun(input: Scenario, maxStates: number | undefined): Sample {
  return timed(() => {
    const ex = before.startExploration(input, { maxStates });
    while (!before.advance(ex, 4096)) {
      /* keep going */
    }
    const r = before.report(ex);
    return { ...r, bytesPerState: ex.visited.bytesPerState(), findings: findingsOf(r) };
  });
}

function reference(input: Scenario, maxStates: number | undefined): Sample {
  return timed(() => ({ ...referenceExplore(input, maxStates), bytesPerState: NaN, findings: '' }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Heap held per visited state once the search is over (frontier dropped), after a gc. */
function heapPerState(input: Scenario, maxStates: number | undefined): number {
  const heap0 = heapBytes();
  const ex = startExploration(input, { maxStates });
  while (!advance(ex, 4096)) {
    /* keep going */
  }
  dropFrontier(ex);
  const held = heapBytes() - heap0;
  const states = ex.visited.size;
  return held / states;
}

/** Mean bytes of a state vector in the frontier, and ns per part of the hot loop on frontier states. */
function split(input: Scenario): Record<string, string> {
  const ex = startExploration(input, { maxStates: 60_000 });
  while (!advance(ex, 4096)) {
    /* fill the next level */
  }
  const fr = ex.next;
  const offsets: number[] = [];
  let words = 0;
  for (let at = 0, k = 0; k < fr.count; k++) {
    offsets.push(at);
    words += fr.data[at + 1]!;
    at += fr.data[at + 1]! + 2;
  }
  const { vector, scratch: s, machine: m } = ex;
  const reps = 20;
  const time = (work: () => void): number => {
    work(); // warm-up
    const c0 = cpuNow();
    for (let r = 0; r < reps; r++) work();
    return ((cpuNow() - c0) * 1e9) / (reps * offsets.length);
  };
  const first = (): void => {
    beginTick(m, s);
    for (let a = 0; a <= m.nVcpus; a++)
      if (nextLabel(m, s, a) !== null) {
        execute(m, s, a, null);
        return;
      }
  };
  const decode = time(() => {
    for (const at of offsets) vector.decode(fr.data, at + 2, s);
  });
  const step = time(() => {
    for (const at of offsets) {
      vector.decode(fr.data, at + 2, s);
      first();
    }
  });
  const encode = time(() => {
    for (const at of offsets) {
      vector.decode(fr.data, at + 2, s);
      first();
      vector.encode(s, vector.budget);
      vector.hash();
    }
  });
  const hashes = offsets.map((at) => {
    vector.decode(fr.data, at + 2, s);
    vector.encode(s, vector.budget);
    vector.hash();
    return [vector.h1, vector.h2] as const;
  });
  const insert = time(() => {
    const v = new VisitedSet();
    for (const [h, l] of hashes) v.add(h, l, 0, 0);
  });
  return {
    'state vector, mean over a frontier': `${((4 * words) / fr.count).toFixed(1)} bytes (target 20–30)`,
    'decode (restore the scratch State)': `${decode.toFixed(0)} ns`,
    'engine step (beginTick + execute)': `${(step - decode).toFixed(0)} ns`,
    'encode + hash': `${(encode - step).toFixed(0)} ns`,
    'visited-set insert': `${insert.toFixed(0)} ns`,
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en');
const ok = (good: boolean): string => (good ? 'OK' : 'BELOW TARGET');
const rows: [string, string][] = [];

for (const [name, input, maxStates, refMax] of [
  ['mail', mail, undefined, undefined],
  ['2vcpu', twoVcpus, MAX_STATES_2VCPU, REF_2VCPU],
] as const) {
  // Warm-up: V8 needs a few whole searches before its optimised code settles (the first search
  // of a process runs at a third to a half of the settled rate), so each explorer does whole ones
  // first; the first one of `after` is what a single CLI run sees, printed as "cold".
  const cold = after(input, maxStates);
  for (let w = 0; w < WARMUPS; w++) {
    if (w > 0) after(input, maxStates);
    beforeRun(input, maxStates);
  }
  reference(input, refMax);
  const samples = { before: [] as Sample[], after: [] as Sample[], reference: [] as Sample[] };
  for (let r = 0; r < RUNS; r++) {
    samples.before.push(beforeRun(input, maxStates));
    samples.after.push(after(input, maxStates));
    samples.reference.push(reference(input, refMax));
  }
  const rate = (xs: Sample[]) => median(xs.map((x) => x.states / x.seconds));
  const cpuRate = (xs: Sample[]) => median(xs.map((x) => x.states / x.cpuSeconds));
  const loads = [...samples.before, ...samples.after, ...samples.reference].map((x) => x.load);
  const a = samples.after[0]!;
  const b = samples.before[0]!;
  const ref = samples.reference[0]!;
  const same = a.states === b.states && a.transitions === b.transitions && a.findings === b.findings;
  rows.push([
    `${name}: states / transitions`,
    `${fmt(a.states)} / ${fmt(a.transitions)} (${a.complete ? 'complete' : 'bounded by maxStates'}); before ${same ? 'the same' : `DIFFERS: ${fmt(b.states)} / ${fmt(b.transitions)}`}; reference ${fmt(ref.states)}${ref.complete ? ' (complete)' : ' (bounded)'}`,
  ]);
  rows.push([`${name}: findings`, a.findings]);
  rows.push([
    `${name}: load average (1 min) during the runs`,
    `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${RUNS} × 3 runs`,
  ]);
  for (const [label, xs] of Object.entries(samples))
    rows.push([
      `${name}: ${label} states/s, median of ${RUNS} (wall / per CPU-second)`,
      `${fmt(rate(xs))} / ${fmt(cpuRate(xs))}`,
    ]);
  rows.push([
    `${name}: after, cold (the process's first search)`,
    `${fmt(cold.states / cold.seconds)} states/s`,
  ]);
  const speedup = rate(samples.after) / rate(samples.before);
  const cpuSpeedup = cpuRate(samples.after) / cpuRate(samples.before);
  rows.push([
    `${name}: after ÷ before (target ≥ 4)`,
    `${speedup.toFixed(2)} × wall, ${cpuSpeedup.toFixed(2)} × CPU ${ok(speedup >= 4)}`,
  ]);
  const vsRef = rate(samples.after) / rate(samples.reference);
  const beforeVsRef = rate(samples.before) / rate(samples.reference);
  rows.push([
    `${name}: after ÷ reference (target ≥ 100)`,
    `${vsRef.toFixed(0)} × (before: ${beforeVsRef.toFixed(0)} ×) ${ok(vsRef >= 100)}`,
  ]);
  rows.push([
    `${name}: visited set bytes/state (target ≤ ${BEFORE_BYTES_PER_STATE} on mail)`,
    `${a.bytesPerState.toFixed(1)} (before ${b.bytesPerState.toFixed(1)})${name === 'mail' ? ' ' + ok(a.bytesPerState <= BEFORE_BYTES_PER_STATE) : ''}`,
  ]);
  rows.push([`${name}: heap bytes/state after the search`, heapPerState(input, maxStates).toFixed(1)]);
}

for (const [k, v] of Object.entries(split(mail))) rows.push([`mail split: ${k}`, v]);
console.log(
  'Explorer benchmark (before = the explorer of main at 7c9f0e3; reference = bench/referenceExplorer.ts):',
);
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
