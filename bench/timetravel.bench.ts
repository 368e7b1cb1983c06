/**
 * Time-travel benchmark (`npm run bench`): jump to any step of a 100 000-step run.
 *
 * The run: tests/timetravel/longScenario.ts (two vCPUs like the playground, an access every ~20
 * ticks that faults, random scheduler), positioned by the worker's own Timeline (checkpoints every
 * 256 ticks, at most 200 of them, spacing doubling beyond). Prints the cost of learning the run
 * once (what the worker does when a scenario loads: recordRun, the value tracks, running the
 * history ahead), then jumps to random steps (target: every jump < 50 ms), Back at random
 * positions, and a cold jump to the end with no checkpoints yet. Not a test.
 */
import { availableParallelism, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { hashRun, seededRandom, startRun, tick } from '../src/engine';
import { recordRun } from '../src/trace/recording';
import { valueTracks } from '../src/trace/navigation';
import { RunOwner } from '../src/worker/runOwner';
import { longScenario } from '../tests/timetravel/longScenario';

const STEPS = 100_000;
const JUMPS = 2_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMiB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const ms = (t0: number) => performance.now() - t0;
const fmt = (n: number, d = 2) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

const scenario = longScenario(STEPS);
console.log(
  `time-travel bench: ${scenario.title}, ${scenario.actions.length} actions, random scheduler ` +
    `(load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: a busy machine stretches the tail)`,
);

// Cold: a fresh timeline, one jump to the end (every tick executed once, checkpoints taken).
const heap0 = heapMiB();
let t0 = performance.now();
const cold = new RunOwner(scenario);
cold.seek(Number.MAX_SAFE_INTEGER);
const coldMs = ms(t0);
const end = cold.tick;
const heap1 = heapMiB();
console.log(
  `  cold jump 0 → ${end} (first pass, events + checkpoints): ${fmt(coldMs, 1)} ms; ` +
    `${cold.checkpointCount} checkpoints every ${cold.spacing} ticks; ` +
    `heap +${fmt(heap1 - heap0, 1)} MiB (events of the whole run included)`,
);

// What the worker does on load: record the run, value tracks, run the history ahead.
t0 = performance.now();
const rec = recordRun(scenario, { maxSteps: 200_000 });
const recordMs = ms(t0);
t0 = performance.now();
const tracks = valueTracks(rec);
const tracksMs = ms(t0);
t0 = performance.now();
const timeline = new RunOwner(scenario);
timeline.extendTo(200_000);
const primeMs = ms(t0);
console.log(
  `  on load: recordRun ${fmt(recordMs, 1)} ms (${rec.spans.length} spans, ${rec.events.length} events), ` +
    `value tracks ${fmt(tracksMs, 1)} ms (${tracks.length}), history ahead ${fmt(primeMs, 1)} ms`,
);

// Warm the JIT, then random jumps.
const rnd = seededRandom(42);
for (let i = 0; i < 200; i++) timeline.seek(Math.floor(rnd() * end));
// Collect the garbage of the load first, as a browser does while the user looks at the page.
gc();
const times: number[] = [];
for (let i = 0; i < JUMPS; i++) {
  const target = Math.floor(rnd() * (end + 1));
  const t = performance.now();
  timeline.seek(target);
  times.push(ms(t));
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(
  `  jump to a random step of the ${fmt(end, 0)}-step run (${JUMPS} jumps): mean ${fmt(mean)} ms, ` +
    `p50 ${fmt(quantile(times, 0.5))} ms, p95 ${fmt(quantile(times, 0.95))} ms, p99 ${fmt(quantile(times, 0.99))} ms, ` +
    `max ${fmt(times[times.length - 1]!)} ms, over 50 ms: ${times.filter((t) => t >= 50).length}  (target < 50 ms)`,
);

// Back at random positions.
const backs: number[] = [];
for (let i = 0; i < 500; i++) {
  timeline.seek(1 + Math.floor(rnd() * end));
  const t = performance.now();
  timeline.back();
  backs.push(ms(t));
}
backs.sort((a, b) => a - b);
console.log(
  `  Back at random positions: p50 ${fmt(quantile(backs, 0.5))} ms, max ${fmt(backs[backs.length - 1]!)} ms`,
);

// Scrubbing: 300 consecutive positions 50 ticks apart, forward then backward.
const scrub: number[] = [];
const from = Math.floor(end / 3);
for (const dir of [1, -1]) {
  for (let k = 0; k < 300; k++) {
    const target = dir > 0 ? from + k * 50 : from + (299 - k) * 50;
    const t = performance.now();
    timeline.seek(target);
    scrub.push(ms(t));
  }
}
scrub.sort((a, b) => a - b);
console.log(
  `  scrubbing (600 positions 50 ticks apart): p95 ${fmt(quantile(scrub, 0.95))} ms, max ${fmt(scrub[scrub.length - 1]!)} ms`,
);

// Sanity: a jump is the state stepping from 0 reaches.
const target = Math.floor(end * 0.73);
timeline.seek(target);
const ref = startRun(scenario);
while (ref.state.tick < target && tick(ref)) {
  /* stepping */
}
const same = hashRun(ref) === hashRun(timeline.run);
console.log(`  jump to ${target} has the hash of stepping from 0: ${same ? 'yes' : 'NO'}`);
if (!same) process.exitCode = 1;
