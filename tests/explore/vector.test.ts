/**
 * The explorer's state vector (vector.ts): the canonical form (explore.md "Two states are the same
 * when the machine is the same") and a lossless-enough packing — a decoded state behaves as the
 * original: the same steps, each to a state with the same vector.
 */
import { describe, expect, it } from 'vitest';
import {
  beginTick,
  cloneState,
  compile,
  execute,
  nextLabel,
  pageInChoices,
  startRun,
  step,
  type Machine,
  type Run,
  type Scenario,
  type State,
} from '../../src/engine';
import { StateVector } from '../../src/explore/vector';
import { mailMachine, parseOrThrow, preset, walk } from './helpers';

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

function words(v: StateVector): number[] {
  return Array.from(v.buf.subarray(0, v.len));
}

function vectorOf(run: Run, budget: number[] = []): string {
  const v = new StateVector(
    run.machine,
    budget.map(() => 3),
  );
  v.encode(run.state, budget);
  v.hash();
  return words(v).join(',') + '#' + v.h1 + ':' + v.h2;
}

/** Every transition of `s` (without an access): actor and page-in page (null: ready work). */
function transitions(m: Machine, s: State): [number, number | null][] {
  const out: [number, number | null][] = [];
  for (let a = 0; a <= m.nVcpus; a++) {
    const label = nextLabel(m, s, a);
    if (label === null) continue;
    if (a < m.nVcpus || label !== 'host.page_in') out.push([a, null]);
    if (a === m.nVcpus) for (const p of pageInChoices(s)) out.push([a, p]);
  }
  return out;
}

describe('StateVector: the canonical form', () => {
  it('ignores clocks: the same machine reached at different ticks encodes equal', () => {
    const early = runSteps(scenario(0), 12);
    const late = runSteps(scenario(25), 12);
    expect(early.state.tick).not.toBe(late.state.tick);
    expect(early.state.resolutions[0]!.startedAt).not.toBe(late.state.resolutions[0]!.startedAt);
    expect(vectorOf(early)).toBe(vectorOf(late));
  });

  it('distinguishes different machines, and the remaining access budget', () => {
    const base = runSteps(scenario(0), 12);
    expect(vectorOf(runSteps(scenario(0), 11))).not.toBe(vectorOf(base));
    expect(vectorOf(runSteps(scenario(0, '0x3000'), 12))).not.toBe(vectorOf(base));
    expect(vectorOf(runSteps(scenario(0), 0))).not.toBe(vectorOf(base));
    expect(vectorOf(base, [1])).not.toBe(vectorOf(base, [0]));
  });

  it('packs a state of the explore.md machine into 20–30 bytes', () => {
    const input = mailMachine();
    const m = compile({ ...input, config: { ...input.config, timing: 'free' }, actions: [] });
    const v = new StateVector(m, [1, 1, 1]);
    const sizes: number[] = [];
    walk(input, 5, (s) => {
      v.encode(s, [1, 0, 1]);
      sizes.push(4 * v.len);
    });
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThanOrEqual(16);
    expect(mean).toBeLessThanOrEqual(32);
  });

  it('a buffer too small is grown and the encoding started again: same words', () => {
    const run = runSteps(scenario(3), 14);
    const big = new StateVector(run.machine, [3, 3]);
    big.encode(run.state, [1, 2]);
    const small = new StateVector(run.machine, [3, 3]);
    small.buf = new Int32Array(1);
    small.encode(run.state, [1, 2]);
    expect(small.buf.length).toBeGreaterThanOrEqual(small.len);
    expect(words(small)).toEqual(words(big));
  });
});

describe('StateVector: decode', () => {
  const inputs = [
    mailMachine(),
    mailMachine({ reentrancyClear: 'at-entry', injectWhen: 'always', migrateOnWake: true }),
    preset('two-vcpus'),
    preset('nested-lost-vmexit'),
    preset('fail-kernel-fixup'),
    preset('irqs-off-completion'),
    preset('lost-wakeup'),
  ];

  it('a decoded state re-encodes to the same words, with the same derived counters and budget', () => {
    for (const [k, input] of inputs.entries()) {
      const m = compile({ ...input, config: { ...input.config, timing: 'free' }, actions: [] });
      const v = new StateVector(m, [2, 5]);
      const scratch = v.scratch();
      let checked = 0;
      walk(input, 11 + k, (s) => {
        if (s.outcome) return;
        const budget = [checked % 3, 5];
        v.encode(s, budget);
        const encoded = words(v);
        v.decode(Int32Array.from(encoded), 0, scratch);
        expect(Array.from(v.budget)).toEqual(budget);
        expect(scratch.waiting).toBe(s.waiting);
        expect(scratch.vcpus.map((x) => x.waiting)).toEqual(s.vcpus.map((x) => x.waiting));
        v.encode(scratch, v.budget);
        expect(words(v)).toEqual(encoded);
        checked++;
      });
      expect(checked).toBeGreaterThan(5);
    }
  });

  it('a decoded state behaves as the original: every step leads to a state with the same vector', () => {
    for (const [k, input] of inputs.entries()) {
      const m = compile({ ...input, config: { ...input.config, timing: 'free' }, actions: [] });
      const v = new StateVector(m, []);
      const scratch = v.scratch();
      let steps = 0;
      walk(input, 21 + k, (s) => {
        if (s.outcome) return;
        const original = cloneState(s);
        original.violations = [];
        beginTick(m, original);
        v.encode(original, []);
        const packed = Int32Array.from(words(v));
        for (const [a, p] of transitions(m, original)) {
          const want = cloneState(original);
          execute(m, want, a, p);
          v.encode(want, []);
          const expected = words(v);
          // Decoded into a scratch that held another state before: nothing of it may remain.
          v.decode(packed, 0, scratch);
          beginTick(m, scratch);
          expect(transitions(m, scratch)).toEqual(transitions(m, original));
          execute(m, scratch, a, p);
          expect(scratch.outcome).toBe(want.outcome);
          expect(scratch.violations.map((x) => x.invariant)).toEqual(want.violations.map((x) => x.invariant));
          v.encode(scratch, []);
          expect(words(v)).toEqual(expected);
          steps++;
        }
      });
      expect(steps).toBeGreaterThan(5);
    }
  });
});
