/**
 * Determinism (architecture.md principle 1): same scenario, same trace and same final state; the
 * random scheduler is a function of its seed; clones evolve like the original; step() and tick()
 * reach the state runScenario reports.
 */
import { describe, expect, it } from 'vitest';
import { cloneRun, hashRun, runScenario, startRun, step, takeSnapshot, tick } from '../../src/engine';
import type { Run, Scenario, TraceEvent } from '../../src/engine';
import { loadPreset, parseOrThrow, presetNames } from './helpers';

function runToEnd(scenario: Scenario): { r: Run; events: TraceEvent[] } {
  const r = startRun(scenario);
  const events: TraceEvent[] = [];
  while (step(r, events));
  return { r, events };
}

/** Three vCPUs faulting on overlapping pages at the same steps: lots of interleavings. */
function busyScenario(seed: number): Scenario {
  return parseOrThrow({
    format: 've-playground/scenario',
    version: 1,
    config: {
      scheduler: 'random',
      seed,
      entries: 2,
      vcpus: [0, 1, 2].map((i) => ({
        tasks: [{ name: `app${i}` }, { name: `k${i}`, mode: 'kernel' }, { name: `u${i}` }],
      })),
      pages: [
        { gpa: '0x2000', backing: 'swapped', latency: 4 },
        { gpa: '0x3000', backing: 'swapped', latency: 2 },
        { gpa: '0x4000', backing: 'swapped', latency: 7 },
      ],
    },
    actions: [
      { at: 0, type: 'access', vcpu: 0, gpa: '0x2000' },
      { at: 0, type: 'access', vcpu: 1, gpa: '0x3000' },
      { at: 0, type: 'access', vcpu: 2, gpa: '0x4000' },
      { at: 3, type: 'access', vcpu: 0, gpa: '0x3000' },
      { at: 5, type: 'access', vcpu: 1, gpa: '0x4000' },
      { at: 9, type: 'access', vcpu: 2, gpa: '0x2000' },
    ],
  });
}

describe('determinism', () => {
  it.each(presetNames())('%s: two runs give the same events and the same final hash', (name) => {
    const a = runToEnd(loadPreset(name));
    const b = runToEnd(loadPreset(name));
    expect(b.events).toEqual(a.events);
    expect(hashRun(b.r)).toBe(hashRun(a.r));
    expect(JSON.stringify(takeSnapshot(b.r))).toBe(JSON.stringify(takeSnapshot(a.r)));
    const ra = runScenario(loadPreset(name));
    const rb = runScenario(loadPreset(name));
    expect(JSON.stringify(rb)).toBe(JSON.stringify(ra));
  });

  it('the random scheduler: same seed → same trace; another seed → another trace', () => {
    const base = runScenario(busyScenario(7));
    expect(runScenario(busyScenario(7))).toEqual(base);
    expect(base.outcome).not.toBe('max-steps');
    const order = (events: TraceEvent[] | undefined) => events!.map((e) => `${e.actor}:${e.kind}`).join(',');
    const others = [1, 2, 3, 4, 5, 6, 8, 9].map((seed) => order(runScenario(busyScenario(seed)).events));
    expect(others.some((o) => o !== order(base.events))).toBe(true);
    // Different seeds also change the interleaving of actors, not just timing.
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('the random scheduler is deterministic step by step, with the PRNG in the state', () => {
    const a = startRun(busyScenario(123));
    const b = startRun(busyScenario(123));
    for (let i = 0; i < 40; i++) {
      step(a);
      step(b);
      expect(hashRun(b)).toBe(hashRun(a));
    }
  });

  it.each(['two-vcpus', 'flag-cleared-by-nested', 'stale-completion', 'lost-wakeup'])(
    '%s: cloneRun mid-run, then stepping both gives equal hashes; the clone shares nothing',
    (name) => {
      const scenario = loadPreset(name);
      const total = runScenario(scenario).steps;
      const a = startRun(scenario);
      while (a.state.tick < Math.floor(total / 2)) step(a);
      const b = cloneRun(a);
      expect(hashRun(b)).toBe(hashRun(a));
      // Stepping the clone alone leaves the original untouched.
      const before = hashRun(a);
      const c = cloneRun(a);
      while (step(c));
      expect(hashRun(a)).toBe(before);
      for (;;) {
        const ma = step(a);
        const mb = step(b);
        expect(mb).toBe(ma);
        expect(hashRun(b)).toBe(hashRun(a));
        if (!ma) break;
      }
      expect(hashRun(c)).toBe(hashRun(a));
    },
  );

  it('a clone of a random-scheduler run follows the same trace', () => {
    const a = startRun(busyScenario(99));
    for (let i = 0; i < 15; i++) step(a);
    const b = cloneRun(a);
    const ea: TraceEvent[] = [];
    const eb: TraceEvent[] = [];
    while (step(a, ea));
    while (step(b, eb));
    expect(eb).toEqual(ea);
    expect(hashRun(b)).toBe(hashRun(a));
  });

  it.each(presetNames())('%s: step() to the end equals runScenario; so does tick()', (name) => {
    const scenario = loadPreset(name);
    const report = runScenario(scenario);
    const { r, events } = runToEnd(scenario);
    expect(takeSnapshot(r)).toEqual(report.final);
    expect(events).toEqual(report.events);
    expect(r.state.tick).toBe(report.steps);
    expect(r.state.outcome).toBe(report.outcome);
    const t = startRun(scenario);
    const tickEvents: TraceEvent[] = [];
    while (tick(t, tickEvents));
    expect(tickEvents).toEqual(report.events);
    expect(hashRun(t)).toBe(hashRun(r));
  });

  it('hashRun tells different states apart', () => {
    const r = startRun(loadPreset('happy-user'));
    const seen = new Set<string>([hashRun(r)]);
    while (step(r)) seen.add(hashRun(r));
    // Every step changes the clock, so every state is new.
    expect(seen.size).toBe(r.state.tick + 1 - countIdle(loadPreset('happy-user')));
  });
});

/** Idle ticks of a run: ticks minus events. */
function countIdle(scenario: Scenario): number {
  const report = runScenario(scenario);
  return report.steps - report.events!.length;
}
