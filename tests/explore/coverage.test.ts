/** Coverage: a hand-played run counted against an exploration (only sound answers). */
import { describe, expect, it } from 'vitest';
import { advance, report, startExploration, type Exploration } from '../../src/explore/explore';
import { coverage, machineKey } from '../../src/explore/coverage';
import type { Scenario } from '../../src/engine';
import { preset } from './helpers';

function explored(input: Scenario): Exploration {
  const ex = startExploration(input);
  while (!advance(ex, 4096)) {
    /* to the end */
  }
  return ex;
}

describe('coverage', () => {
  const input = preset('lost-wakeup');
  const ex = explored(input);
  const findings = report(ex).findings;

  it("a finding's counterexample visits one explored state per step and reaches the finding", () => {
    for (const f of findings) {
      const at = f.kind === 'outcome' ? f.steps + 1 : f.steps;
      const c = coverage(ex, f.scenario, at);
      expect(c.sameMachine).toBe(true);
      expect(c.leftAt).toBeNull();
      expect(c.outside).toBe(0);
      expect(c.visited).toBe(f.steps + 1); // the initial state and one per step, all distinct (BFS path)
      expect(c.reached).toContain(`${f.kind}:${f.name}`);
      const before = coverage(ex, f.scenario, f.steps - 1);
      expect(before.reached).not.toContain(`${f.kind}:${f.name}`);
    }
  });

  it('the preset itself, played in latency timing, stays inside the explored states', () => {
    const c = coverage(ex, input, 60);
    expect(c.sameMachine).toBe(true);
    expect(c.visited).toBeGreaterThan(10);
    expect(c.reached.length).toBeGreaterThan(0);
  });

  it('an access outside the explored ones leaves the explored space', () => {
    const extra: Scenario = {
      ...input,
      actions: [...input.actions, { at: 0, type: 'access', vcpu: 0, gpa: input.config.pages[0]!.gpa }],
    };
    extra.actions.sort((a, b) => a.at - b.at);
    const c = coverage(ex, extra, 40);
    expect(c.leftAt).not.toBeNull();
  });

  it('another machine or variant is not counted', () => {
    const other: Scenario = {
      ...input,
      config: { ...input.config, variant: { ...input.config.variant, injectWhen: 'if1' } },
    };
    expect(machineKey(other)).not.toBe(machineKey(input));
    expect(coverage(ex, other, 10).sameMachine).toBe(false);
  });
});
