/** The packed frontier (pack.ts) is lossless: unpack(pack(s)) is s, field for field. */
import { describe, expect, it } from 'vitest';
import { cloneState, type State } from '../../src/engine';
import { Arena, Packer } from '../../src/explore/pack';
import { mailMachine, preset, walk } from './helpers';

/** A frontier state: no outcome, no recorded violation (the explorer clears them). */
function frontierCopy(s: State): State {
  return { ...cloneState(s), violations: [], outcome: null, message: null };
}

describe('Packer', () => {
  const inputs = [
    mailMachine(),
    mailMachine({ reentrancyClear: 'at-entry', injectWhen: 'always', migrateOnWake: true }),
    preset('two-vcpus'),
    preset('nested-lost-vmexit'),
    preset('fail-kernel-fixup'),
    preset('irqs-off-completion'),
  ];
  it('round-trips every state of random walks, with budget and index, many to one arena', () => {
    const arena = new Arena();
    for (const [k, input] of inputs.entries()) {
      const states: State[] = [];
      walk(input, 3 + k, (s) => states.push(frontierCopy(s)));
      expect(states.length).toBeGreaterThan(5);
      const packer = new Packer(states[0]!);
      arena.reset();
      states.forEach((s, i) => packer.pack(arena, s, [i % 3, 1], i));
      expect(arena.count).toBe(states.length);
      states.forEach((s, i) => {
        const back = packer.unpack(arena, i);
        expect(back.index).toBe(i);
        expect(back.budget).toEqual([i % 3, 1]);
        expect(back.state).toStrictEqual(s);
        expect(JSON.stringify(back.state)).toBe(JSON.stringify(s));
      });
    }
  });

  it('refuses a state that cannot be in a frontier', () => {
    let terminal: State | null = null;
    walk(preset('fail-kernel-panic'), 1, (s) => {
      if (s.outcome) terminal = cloneState(s);
    });
    expect(terminal).not.toBeNull();
    const packer = new Packer(terminal!);
    expect(() => packer.pack(new Arena(), terminal!, [], 0)).toThrow(/frontier/);
  });
});
