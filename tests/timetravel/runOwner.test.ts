/** Time travel in the run owner: a jump to any step is the state that stepping from 0 reaches (same hash). */
import { describe, expect, it } from 'vitest';
import { hashRun, seededRandom, startRun, tick, type Run, type Scenario } from '../../src/engine';
import { loadPreset, presetNames } from '../engine/helpers';
import { RunOwner } from '../../src/worker/runOwner';
import { longScenario } from './longScenario';

const presets = presetNames();
const load = loadPreset;

/**
 * Stepping from 0: tick until `goal` (or the run stops); at the tick where the run stops, one
 * more tick settles it (what one more press of Step does).
 */
function steppedTo(scenario: Scenario, goal: number): Run {
  const run = startRun(scenario);
  while (run.state.tick < goal && tick(run)) {
    /* stepping */
  }
  if (run.state.tick === goal) {
    const probe = startRun(scenario);
    probe.state = structuredClone(run.state);
    if (!tick(probe) && probe.state.tick === goal) tick(run);
  }
  return run;
}

describe('RunOwner.seek equals stepping from 0', () => {
  it.each(presets)('%s: every step, in a shuffled order, with a tiny checkpoint spacing', (name) => {
    const scenario = load(name);
    const h = new RunOwner(scenario, { every: 3, maxCheckpoints: 4 });
    h.extendTo(100_000);
    const end = h.end!;
    expect(end).not.toBeNull();
    expect(h.tick).toBe(0);
    const targets = Array.from({ length: end + 1 }, (_, i) => i);
    const rnd = seededRandom(end + 1);
    for (let i = targets.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [targets[i], targets[j]] = [targets[j]!, targets[i]!];
    }
    for (const t of targets) {
      h.seek(t);
      expect(h.tick).toBe(t);
      expect(hashRun(h.run), `${name} at ${t}`).toBe(hashRun(steppedTo(scenario, t)));
    }
    expect(h.checkpointCount).toBeLessThanOrEqual(4);
  });

  it('a seek without extendTo runs forward, records events, and stops at the end', () => {
    const scenario = load('lost-wakeup');
    const h = new RunOwner(scenario, { every: 4 });
    h.seek(1_000_000);
    const end = h.end!;
    expect(h.tick).toBe(end);
    expect(h.run.state.outcome).not.toBeNull();
    expect(hashRun(h.run)).toBe(hashRun(steppedTo(scenario, end)));
    // The events are those of a plain run.
    const events: Parameters<typeof tick>[1] = [];
    const run = startRun(scenario);
    while (tick(run, events)) {
      /* running */
    }
    expect(h.pastEvents()).toEqual(events);
    expect(h.eventTail(5)).toEqual(events!.slice(-5));
  });

  it('back returns to the previous step boundary, as many Steps from 0 would', () => {
    const scenario = load('nested-after-clear');
    const h = new RunOwner(scenario, { every: 2 });
    const positions = [h.tick];
    while (h.stepOnce()) positions.push(h.tick);
    for (let k = positions.length - 1; k > 0; k--) {
      expect(h.tick).toBe(positions[k]);
      h.back();
      expect(h.tick).toBe(positions[k - 1]);
      expect(hashRun(h.run)).toBe(hashRun(steppedTo(scenario, positions[k - 1]!)));
    }
  });

  it('extendTo leaves the position where it was', () => {
    const scenario = load('two-vcpus');
    const h = new RunOwner(scenario, { every: 2 });
    h.stepOnce();
    h.stepOnce();
    const at = h.tick;
    const hash = hashRun(h.run);
    h.extendTo(50);
    expect(h.tick).toBe(at);
    expect(hashRun(h.run)).toBe(hash);
    expect(h.frontier).toBeGreaterThan(at);
  });
});

describe('a long run', () => {
  const STEPS = 30_000;
  const scenario = longScenario(STEPS);

  it('keeps memory bounded (checkpoints thin out, spacing doubles) and jumps exactly', () => {
    const h = new RunOwner(scenario, { every: 64, maxCheckpoints: 32 });
    h.extendTo(STEPS * 2);
    const end = h.end!;
    expect(end).toBeGreaterThanOrEqual(STEPS - 1);
    expect(h.checkpointCount).toBeLessThanOrEqual(32);
    expect(h.spacing).toBeGreaterThan(64);
    // The reference: one run stepped forward, compared at increasing targets.
    const ref = startRun(scenario);
    const rnd = seededRandom(7);
    const targets = Array.from({ length: 12 }, () => Math.floor(rnd() * end)).sort((a, b) => a - b);
    for (const t of targets) {
      while (ref.state.tick < t && tick(ref)) {
        /* stepping */
      }
      h.seek(t);
      expect(hashRun(h.run), `at ${t}`).toBe(hashRun(ref));
    }
  });
});
