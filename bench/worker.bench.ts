/**
 * Worker benchmark (`npm run bench`), not a test: what the engine worker costs per command, in
 * Node, on the worker's own code (Session → RunOwner), printed beside the targets of issue 11:
 *
 * - a click → its frame, at tick 100 000 of the 16 × 64 machine (bench/uiScenario.ts, its clicks
 *   spread over 110 000 ticks): target ≤ 5 ms;
 * - a jump to a random step and Back on that 100 000-step run, worker side of the click-to-paint
 *   budget (the whole budget, ≤ 16 ms, is measured in the browser by `npm run bench:ui`);
 * - steps per second at maximum speed (the worker's loop: steps, the clock read every 128 steps).
 */
import { availableParallelism, loadavg } from 'node:os';
import { seededRandom } from '../src/engine';
import { Session } from '../src/worker/session';
import { BIG, bigScenario } from './uiScenario';

const LONG = { ...BIG, accesses: 2000, span: 110_000 };
const AT = 100_000;
const live = { playing: false, speed: 4, stepsPerSecond: 0, playingMs: 0 } as const;

function ms(since: number): number {
  return performance.now() - since;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))]!;
}

const fmt = (x: number) => x.toFixed(2);

console.log(
  `worker bench: ${LONG.vcpus} vCPUs × ${LONG.entries} entries, ${LONG.accesses} clicks over ${LONG.span} ticks ` +
    `(load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
);

const scenario = bigScenario(LONG);
const session = new Session();
let seq = 0;
let t0 = performance.now();
session.handle(++seq, { type: 'load', scenario, at: AT });
session.frame(seq, live);
console.log(
  `  load at tick ${session.owner!.tick}: ${fmt(ms(t0))} ms (first pass: events, checkpoints, recording)`,
);

// Clicks at tick 100 000: each followed by the frame that shows it.
const rnd = seededRandom(7);
const clicks: number[] = [];
for (let i = 0; i < 40; i++) {
  if (i % 2 === 1) session.handle(++seq, { type: 'step' });
  t0 = performance.now();
  session.handle(++seq, {
    type: 'access',
    vcpu: Math.floor(rnd() * LONG.vcpus),
    gpa: '0x' + ((1 + Math.floor(rnd() * LONG.pages)) * 0x1000).toString(16),
  });
  session.frame(seq, live);
  clicks.push(ms(t0));
}
console.log(
  `  click → frame at tick ${AT}: median ${fmt(median(clicks))} ms, p95 ${fmt(p95(clicks))} ms, ` +
    `max ${fmt(Math.max(...clicks))} ms  (target ≤ 5 ms)`,
);
const undos: number[] = [];
for (let i = 0; i < 20; i++) {
  t0 = performance.now();
  session.handle(++seq, { type: 'undo-click' });
  session.frame(seq, live);
  undos.push(ms(t0));
}
console.log(`  undo-click → frame: median ${fmt(median(undos))} ms, max ${fmt(Math.max(...undos))} ms`);

// The whole 100 000-step run known (what the worker does in the background), then jumps and Back.
session.handle(++seq, { type: 'seek', step: AT });
while (session.background(1 << 16)) {
  /* running ahead */
}
const end = session.owner!.frontier;
const jumps: number[] = [];
const backs: number[] = [];
for (let i = 0; i < 200; i++) {
  t0 = performance.now();
  session.handle(++seq, { type: 'seek', step: Math.floor(rnd() * Math.min(end, AT)) });
  session.frame(seq, live);
  jumps.push(ms(t0));
  t0 = performance.now();
  session.handle(++seq, { type: 'back' });
  session.frame(seq, live);
  backs.push(ms(t0));
}
console.log(
  `  jump → frame (random step of ${Math.min(end, AT)}): median ${fmt(median(jumps))} ms, p95 ${fmt(p95(jumps))} ms; ` +
    `Back → frame: median ${fmt(median(backs))} ms, p95 ${fmt(p95(backs))} ms  (worker side of ≤ 16 ms click-to-paint)`,
);

// Maximum speed: the worker's loop (steps, the clock every 128 steps) for 2 s from step 0, fresh run.
const fresh = new Session();
fresh.handle(1, { type: 'load', scenario });
let steps = 0;
t0 = performance.now();
const until = t0 + 2000;
outer: for (;;) {
  for (let k = 0; k < 128; k++) {
    if (!fresh.stepOnce()) break outer;
    steps++;
  }
  if (performance.now() >= until) break;
}
const secs = ms(t0) / 1000;
console.log(
  `  max speed from step 0 (first pass, events + recording): ${Math.round(steps / secs).toLocaleString('en')} steps/s ` +
    `(${steps} steps in ${secs.toFixed(2)} s; reached tick ${fresh.owner!.tick})`,
);
// Replaying a known stretch (after a jump back): the engine's fast path.
fresh.handle(2, { type: 'seek', step: 0 });
let replayed = 0;
t0 = performance.now();
while (fresh.owner!.tick < fresh.owner!.frontier - 1 && fresh.stepOnce()) replayed++;
const rsecs = ms(t0) / 1000;
console.log(
  `  max speed over the known run (replay): ${Math.round(replayed / rsecs).toLocaleString('en')} steps/s`,
);
