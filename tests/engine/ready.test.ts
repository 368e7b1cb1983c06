/**
 * The ready-actor set (src/engine/ready.ts) against asking every actor: at the start of every
 * tick of thousands of seeded random runs (1–4 vCPUs, every variant, both timings, all
 * schedulers, up to 40 accesses), every entry the set holds must say what `nextLabel` says now —
 * so the scheduler picks exactly the actor it picked when it scanned every actor every tick.
 */
import { describe, expect, it } from 'vitest';
import { startRun, tickOnce, type Run, type Scenario } from '../../src/engine';
import { beginTickOf } from '../../src/engine/run';
import { readyDisagreement } from '../../src/engine/ready';
import { seededRandom } from '../../src/engine/prng';
import { parsed } from '../reference/compare';
import { randomScenarioJson } from '../reference/generate';

/** A random scenario, and for odd seeds a busier one: a vCPU more and up to 28 extra accesses. */
function scenario(seed: number): Scenario | null {
  const json = randomScenarioJson(seed) as {
    config: { vcpus: unknown[]; pages: { gpa: string }[] };
    actions: { at: number }[];
  };
  if (seed % 2 === 1) {
    const rnd = seededRandom(seed * 7919);
    json.config.vcpus.push(json.config.vcpus[0]);
    const n = Math.floor(rnd() * 29);
    for (let k = 0; k < n; k++)
      json.actions.push({
        at: Math.floor(rnd() * 80),
        type: 'access',
        vcpu: Math.floor(rnd() * json.config.vcpus.length),
        gpa: json.config.pages[Math.floor(rnd() * json.config.pages.length)]!.gpa,
      } as { at: number });
    json.actions.sort((a, b) => a.at - b.at);
  }
  return parsed(json);
}

/** Runs to the end (or `max` ticks), checking the set at each tick's start; returns [problem, entries compared]. */
function checkedRun(run: Run, max = 3000): [string | null, number] {
  let compared = 0;
  for (let n = 0; n < max; n++) {
    const rs = beginTickOf(run);
    const wrong = readyDisagreement(rs);
    if (wrong) return [wrong, compared];
    for (const k of rs.known) if (k !== 0) compared++;
    if (tickOnce(run) === 'stop') break;
  }
  return [null, compared];
}

describe('ready-actor set', () => {
  it('agrees with asking every actor at every tick of 3 000 random runs', () => {
    let runs = 0;
    let compared = 0;
    const problems: string[] = [];
    for (let seed = 1; seed <= 3000; seed++) {
      const sc = scenario(seed);
      if (!sc) continue;
      runs++;
      const [wrong, n] = checkedRun(startRun(sc));
      compared += n;
      if (wrong && problems.length < 5) problems.push(`seed ${seed}: ${wrong}`);
    }
    expect(problems).toEqual([]);
    expect(runs).toBeGreaterThan(2800);
    // The set was consulted, not rebuilt from nothing every tick.
    expect(compared).toBeGreaterThan(runs * 20);
  });

  it('the check sees a wrong entry', () => {
    const sc = scenario(2)!;
    const run = startRun(sc);
    const rs = beginTickOf(run);
    rs.known[0] = rs.known[0] === 1 ? 2 : 1;
    expect(readyDisagreement(rs)).toMatch(/actor 0/);
  });

  it('a replaced state starts with nothing known', () => {
    const run = startRun(scenario(4)!);
    const rs = beginTickOf(run);
    tickOnce(run);
    run.state = structuredClone(run.state);
    expect(beginTickOf(run)).not.toBe(rs);
  });
});
