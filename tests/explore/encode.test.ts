/** The canonical encoding (explore.md "Two states are the same when the machine is the same"). */
import { describe, expect, it } from 'vitest';
import { startRun, step, type Run, type Scenario } from '../../src/engine';
import { Encoder } from '../../src/explore/encode';
import { parseOrThrow } from './helpers';

function scenario(accessAt: number, gpa = '0x2000'): Scenario {
  return parseOrThrow({
    format: 've-playground/scenario',
    version: 1,
    config: {
      vcpus: [{ tasks: [{ name: 'a' }, { name: 'b' }] }],
      pages: [
        { gpa: '0x2000', backing: 'swapped', latency: 40 },
        { gpa: '0x3000', backing: 'swapped', latency: 40 },
      ],
    },
    actions: [{ at: accessAt, type: 'access', vcpu: 0, gpa }],
  });
}

function runSteps(s: Scenario, steps: number): Run {
  const run = startRun(s);
  for (let i = 0; i < steps; i++) expect(step(run)).toBe(true);
  return run;
}

function hashOf(run: Run, budget: number[] = []): string {
  const e = new Encoder();
  e.encode(run.machine, run.state, budget);
  return e.hash().join(':');
}

describe('Encoder', () => {
  it('ignores clocks: the same machine reached at different ticks hashes equal', () => {
    const early = runSteps(scenario(0), 12);
    const late = runSteps(scenario(25), 12);
    expect(early.state.tick).not.toBe(late.state.tick);
    expect(early.state.resolutions[0]!.startedAt).not.toBe(late.state.resolutions[0]!.startedAt);
    expect(hashOf(early)).toBe(hashOf(late));
  });

  it('distinguishes different machines', () => {
    const base = runSteps(scenario(0), 12);
    expect(hashOf(runSteps(scenario(0), 11))).not.toBe(hashOf(base));
    expect(hashOf(runSteps(scenario(0, '0x3000'), 12))).not.toBe(hashOf(base));
    expect(hashOf(runSteps(scenario(0), 0))).not.toBe(hashOf(base));
    // The explorer's remaining-access budget is part of the state.
    expect(hashOf(base, [1])).not.toBe(hashOf(base, [0]));
  });

  it('a buffer too small is grown and the encoding started again: same words, same hash', () => {
    const run = runSteps(scenario(3), 14);
    const big = new Encoder();
    big.encode(run.machine, run.state, [1, 2]);
    const small = new Encoder();
    small.buf = new Int32Array(3);
    small.encode(run.machine, run.state, [1, 2]);
    expect(small.buf.length).toBeGreaterThanOrEqual(small.len);
    expect(Array.from(small.buf.subarray(0, small.len))).toEqual(Array.from(big.buf.subarray(0, big.len)));
    expect(small.hash()).toEqual(big.hash());
  });

  it('is a pure function of the state: encoding twice gives the same words', () => {
    const run = runSteps(scenario(3), 9);
    const e = new Encoder();
    e.encode(run.machine, run.state, [2]);
    const first = Array.from(e.buf.subarray(0, e.len));
    e.encode(run.machine, run.state, [2]);
    expect(Array.from(e.buf.subarray(0, e.len))).toEqual(first);
  });
});
