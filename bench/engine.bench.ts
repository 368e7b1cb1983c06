/**
 * Engine benchmark (`npm run bench`): a large machine run through the tick API with events off.
 *
 *   16 vCPUs × 4 tasks, 64 entries per ve_page, 1024 swapped pages with latencies 1–8, 45,000
 *   accesses spread over 10^6 steps, each right after a set-page that swaps its page out again
 *   (so nearly every access faults), random scheduler, both fixes on so that no BUG_ON ends the
 *   run early.
 *
 * Prints steps/s (target ≥ 2M), heap used before/after runs of 2×10^5 and 10^6 steps (memory must
 * not grow with run length), the same run with idle stretches jumped (`advanceTo`), the time of a
 * run whose only action is at step 999 999 999, and the cost of cloneRun and hashRun on a
 * mid-run state. Not a test.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { advanceTo, cloneRun, hashRun, runScenario, seededRandom, startRun, tick } from '../src/engine';
import type { Run, Scenario, TraceEvent } from '../src/engine';
import { parseScenario } from '../src/share';

const VCPUS = 16;
const TASKS = 4;
const ENTRIES = 64;
const PAGES = 1024;
const STEPS = 1_000_000;
/** Each access is preceded by a set-page that swaps its page out again, so nearly every access faults. */
const ACCESSES = 45_000;

function gpa(i: number): string {
  return '0x' + ((i + 1) * 0x1000).toString(16);
}

function benchScenario(): Scenario {
  const rnd = seededRandom(20200408);
  const int = (n: number) => Math.floor(rnd() * n);
  const vcpus = Array.from({ length: VCPUS }, () => ({
    tasks: Array.from({ length: TASKS }, (_, t) =>
      t % 2 === 0
        ? { name: `u${t}`, mode: 'user' }
        : { name: `k${t}`, mode: 'kernel', preemptible: t !== 3, fixup: true },
    ),
  }));
  const pages = Array.from({ length: PAGES }, (_, i) => ({
    gpa: gpa(i),
    backing: 'swapped',
    latency: 1 + int(8),
  }));
  const actions: { at: number; [k: string]: unknown }[] = [];
  for (let i = 0; i < ACCESSES; i++) {
    const at = 1 + int(STEPS - 1);
    const page = gpa(int(PAGES));
    actions.push({ at: at - 1, type: 'set-page', gpa: page, backing: 'swapped', latency: 1 + int(8) });
    actions.push({ at, type: 'access', vcpu: int(VCPUS), gpa: page });
  }
  actions.sort((a, b) => a.at - b.at);
  const parsed = parseScenario({
    format: 've-playground/scenario',
    version: 1,
    title: 'bench',
    config: {
      entries: ENTRIES,
      seed: 7,
      scheduler: 'random',
      variant: { tifInVeClear: 'owner', smClear: 'after-release' },
      vcpus,
      pages,
    },
    actions,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

/** A real gc() even without --expose-gc, so heap figures mean live memory. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

interface Timed {
  run: Run;
  ticks: number;
  seconds: number;
}

/** startRun + tick loop, no events, no snapshots. */
function runFor(scenario: Scenario, steps: number): Timed {
  const run = startRun(scenario);
  const t0 = process.hrtime.bigint();
  let ticks = 0;
  while (ticks < steps && tick(run)) ticks++;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { run, ticks, seconds };
}

function perCallMicros(fn: () => unknown, minMs = 300): number {
  let n = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs * 1e6) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
    elapsed = Number(process.hrtime.bigint() - t0);
  }
  return elapsed / 1e3 / n;
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

const scenario = benchScenario();
console.log(
  `engine bench: ${VCPUS} vCPUs × ${TASKS} tasks, ${ENTRIES} entries, ${PAGES} swapped pages, ` +
    `${fmt(ACCESSES)} accesses (each after a re-swap) over ${fmt(STEPS)} steps, random scheduler, events off`,
);

// Warm up the JIT on a short run.
runFor(scenario, 50_000);

const rows: [string, string][] = [];
for (const steps of [200_000, STEPS]) {
  const before = heapMiB();
  const timed = runFor(scenario, steps);
  const after = heapMiB();
  const s = timed.run.state;
  const executed = s.tick; // ticks, idle ones included
  rows.push([
    `run ${fmt(steps)} steps: ticks done`,
    `${fmt(timed.ticks)} (outcome ${s.outcome ?? 'running'})`,
  ]);
  rows.push([
    `run ${fmt(steps)} steps: steps/s`,
    `${fmt(executed / timed.seconds)} (${fmt(timed.seconds, 2)} s)`,
  ]);
  rows.push([
    `run ${fmt(steps)} steps: heap used before → after (MiB)`,
    `${fmt(before, 1)} → ${fmt(after, 1)}`,
  ]);
  rows.push([
    `run ${fmt(steps)} steps: state size (JSON, KiB)`,
    `${fmt(JSON.stringify(s).length / 1024, 1)}; violations ${s.violations.length}`,
  ]);
}

// The same run with idle stretches jumped at once (what the worker and the CLI do).
{
  const run = startRun(scenario);
  const t0 = process.hrtime.bigint();
  advanceTo(run, STEPS);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rows.push([
    `advanceTo ${fmt(STEPS)} (idle stretches jumped): ticks/s`,
    `${fmt(run.state.tick / seconds)} (${fmt(seconds, 2)} s)`,
  ]);
}

// A scenario whose only action is at step 999 999 999: the idle stretch before it costs O(1).
{
  const parsed = parseScenario({
    format: 've-playground/scenario',
    version: 1,
    config: {
      vcpus: [{ tasks: [{ name: 'app' }, { name: 'k', mode: 'kernel' }] }],
      pages: [{ gpa: '0x2000', backing: 'swapped' }],
    },
    actions: [{ at: 999_999_999, type: 'access', vcpu: 0, gpa: '0x2000' }],
  });
  if (!parsed.ok) throw new Error(parsed.message);
  for (const maxSteps of [1_000_000_000, 2_000_000_000]) {
    const ms = perCallMicros(() => runScenario(parsed.scenario, { maxSteps }), 200) / 1000;
    const r = runScenario(parsed.scenario, { maxSteps });
    rows.push([
      `action at step 999,999,999, max-steps ${fmt(maxSteps)}: ms per run`,
      `${fmt(ms, 3)} (outcome ${r.outcome}, ${fmt(r.steps)} steps)`,
    ]);
  }
}

// Executed steps vs idle ticks (a separate run with events on, counted and dropped as it goes),
// and the clone / hash cost on a mid-run state.
const counted = startRun(scenario);
const sink: TraceEvent[] = [];
let executed = 0;
while (counted.state.tick < STEPS && tick(counted, sink)) {
  executed += sink.length;
  sink.length = 0;
}
rows.push([
  'executed steps / ticks in 10^6 steps (the rest are idle ticks)',
  `${fmt(executed)} / ${fmt(counted.state.tick)} (${fmt((100 * executed) / counted.state.tick, 1)}%)`,
]);
const mid = startRun(scenario);
while (mid.state.tick < STEPS / 2 && tick(mid));
rows.push([
  'mid-run state (tick 500,000): open faults',
  `${mid.state.resolutions.length} resolutions, ${mid.state.injections.length} injections, ` +
    `${mid.state.tasks.filter((t) => t.status === 'parked').length} parked tasks`,
]);
rows.push([
  'cloneRun per state (µs)',
  fmt(
    perCallMicros(() => cloneRun(mid)),
    2,
  ),
]);
rows.push([
  'hashRun per state (µs)',
  fmt(
    perCallMicros(() => hashRun(mid)),
    2,
  ),
]);

const width = Math.max(...rows.map(([k]) => k.length));
console.log('');
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
