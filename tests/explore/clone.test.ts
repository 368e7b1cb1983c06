/** cloneState (the explorer's and the history's copy) is complete and shares nothing mutable. */
import { describe, expect, it } from 'vitest';
import { applyAccess, cloneState, compile, enabledActors, execute, type Scenario } from '../../src/engine';
import { mailMachine, preset, walk } from './helpers';

describe('cloneState', () => {
  const inputs: [string, Scenario][] = [
    ['mail machine', mailMachine()],
    ['mail machine, at-entry', mailMachine({ reentrancyClear: 'at-entry', injectWhen: 'always' })],
    ['two-vcpus', preset('two-vcpus')],
    ['nested-lost-vmexit', preset('nested-lost-vmexit')],
    ['fail-kernel-fixup', preset('fail-kernel-fixup')],
  ];
  for (const [label, input] of inputs) {
    it(`copies every field of every state of random walks (${label})`, () => {
      let states = 0;
      walk(input, 7, (s) => {
        states++;
        const copy = cloneState(s);
        expect(copy).toStrictEqual(s);
        // Same keys in the same order, at every level (no field forgotten, none added).
        expect(JSON.stringify(copy)).toBe(JSON.stringify(s));
      });
      expect(states).toBeGreaterThan(20);
    });
  }

  it('shares nothing mutable: stepping the copy leaves the original as it was', () => {
    const m = compile({ ...mailMachine(), config: { ...mailMachine().config, timing: 'free' } });
    walk(mailMachine(), 11, (s) => {
      const before = JSON.stringify(s);
      const copy = cloneState(s);
      applyAccess(copy, 0, 0);
      for (let i = 0; i < 5; i++) {
        const actors = enabledActors(m, copy);
        if (actors.length === 0) break;
        execute(m, copy, actors[0]!, null);
      }
      expect(JSON.stringify(s)).toBe(before);
    });
  });
});
