/**
 * The worker's run owner under clicks: a click rewrites only the future, so after any sequence of
 * clicks, Backs, seeks and undos the run, its events and its timeline recording are exactly those
 * of the resulting scenario played from step 0.
 */
import { describe, expect, it } from 'vitest';
import { hashRun, seededRandom, takeSnapshot, type Scenario } from '../../src/engine';
import { parseScenario } from '../../src/share/schema';
import { recordRun } from '../../src/trace/recording';
import { RunOwner } from '../../src/worker/runOwner';
import playground from '../../public/scenarios/playground.json';
import { loadPreset } from '../engine/helpers';

function validate(s: unknown): Scenario {
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

const RECORD = 5000;
const GPAS = ['0x2000', '0x3000', '0x4000', '0x5000', '0x6000'];

/** The owner's state equals a fresh owner of its scenario at the same tick (state, events, recording). */
function expectSameAsFresh(owner: RunOwner): void {
  const fresh = new RunOwner(validate(owner.scenario), { recordUntil: RECORD });
  fresh.seek(owner.tick);
  expect(fresh.tick).toBe(owner.tick);
  expect(hashRun(owner.run)).toBe(hashRun(fresh.run));
  expect(owner.pastEvents()).toEqual(fresh.pastEvents());
  owner.extendTo(RECORD);
  expect(owner.recording()).toEqual(recordRun(owner.scenario, { maxSteps: RECORD }));
}

describe('RunOwner clicks', () => {
  it('steps forward and Back restores the exact previous snapshot', () => {
    const owner = new RunOwner(validate(playground));
    owner.record({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' });
    const seen: string[] = [JSON.stringify(takeSnapshot(owner.run))];
    for (let n = 0; n < 30 && owner.stepOnce(); n++) seen.push(JSON.stringify(takeSnapshot(owner.run)));
    for (let n = seen.length - 2; n >= 0; n--) {
      owner.back();
      expect(JSON.stringify(takeSnapshot(owner.run))).toBe(seen[n]);
    }
  });

  it('records a click at the current tick and drops the old future after going back', () => {
    const owner = new RunOwner(validate(playground), { recordUntil: RECORD });
    owner.record({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' });
    for (let n = 0; n < 5; n++) owner.stepOnce();
    owner.record({ at: 0, type: 'access', vcpu: 0, gpa: '0x3000' });
    expect(owner.scenario.actions.map((a) => a.at)).toEqual([0, 5]);
    owner.seek(3);
    owner.record({ at: 0, type: 'access', vcpu: 1, gpa: '0x4000' });
    expect(owner.scenario.actions).toEqual([
      { at: 0, type: 'access', vcpu: 0, gpa: '0x2000' },
      { at: 3, type: 'access', vcpu: 1, gpa: '0x4000' },
    ]);
    expect(owner.tick).toBe(3);
    expectSameAsFresh(owner);
  });

  it('refuses a bad click without touching the run', () => {
    const owner = new RunOwner(validate(playground));
    owner.seek(4);
    const before = hashRun(owner.run);
    expect(() => owner.record({ at: 0, type: 'access', vcpu: 9, gpa: '0x2000' })).toThrow(/out of range/);
    expect(() => owner.record({ at: 0, type: 'access', vcpu: 0, gpa: 'zz' })).toThrow(/hex/);
    expect(() => owner.record({ at: 0, type: 'pick', actor: 'host' })).toThrow(/manual/);
    expect(hashRun(owner.run)).toBe(before);
    expect(owner.clicks).toEqual([]);
  });

  it('a click at the end of a settled run continues it', () => {
    const owner = new RunOwner(validate(playground), { recordUntil: RECORD });
    owner.seek(1_000_000);
    expect(owner.run.state.outcome).toBe('quiescent');
    owner.record({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' });
    expect(owner.run.state.outcome).toBeNull();
    expect(owner.stepOnce()).toBe(true);
    expectSameAsFresh(owner);
  });

  it('undo returns to the scenario and the state before the click, even a click that dropped a future', () => {
    const owner = new RunOwner(validate(playground), { recordUntil: RECORD });
    owner.record({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' });
    owner.seek(20);
    owner.record({ at: 0, type: 'access', vcpu: 1, gpa: '0x3000' });
    const afterTwo = owner.scenario;
    owner.seek(40);
    owner.seek(10);
    const at10 = hashRun(owner.run);
    owner.record({ at: 0, type: 'access', vcpu: 1, gpa: '0x4000' });
    expect(owner.scenario.actions.map((a) => a.at)).toEqual([0, 10]);
    expect(owner.undoClick()).toBe(true);
    expect(owner.scenario).toEqual(afterTwo);
    expect(owner.tick).toBe(10);
    expect(hashRun(owner.run)).toBe(at10);
    expect(owner.rewound).toBe(true);
    expectSameAsFresh(owner);
    expect(owner.undoClick()).toBe(true);
    expect(owner.tick).toBe(20);
    expect(owner.undoClick()).toBe(true);
    expect(owner.scenario.actions).toEqual(validate(playground).actions);
    expect(owner.undoClick()).toBe(false);
    expectSameAsFresh(owner);
  });

  it('manual scheduler: a pick replaces the pick of its step, and undo brings the old one back', () => {
    const manual = loadPreset('lost-wakeup');
    const old = manual.actions.find((a) => a.type === 'pick' && a.at > 0)!;
    const owner = new RunOwner(manual, { recordUntil: RECORD });
    owner.seek(old.at);
    const actor = old.type === 'pick' && old.actor === 'host' ? 'vcpu0' : 'host';
    owner.record({ at: 0, type: 'pick', actor });
    const picks = owner.scenario.actions.filter((a) => a.type === 'pick');
    expect(picks.length).toBe(manual.actions.filter((a) => a.type === 'pick').length);
    expect(picks.filter((a) => a.at === old.at)).toEqual([{ at: old.at, type: 'pick', actor }]);
    expectSameAsFresh(owner);
    owner.undoClick();
    expect(owner.scenario.actions).toEqual(manual.actions);
    expectSameAsFresh(owner);
  });

  it.each([1, 2, 3, 4, 5])('random clicks, Backs, seeks and undos (seed %i) equal a fresh run', (seed) => {
    const rnd = seededRandom(seed * 7919);
    const int = (n: number) => Math.floor(rnd() * n);
    const owner = new RunOwner(validate(playground), { every: 8, maxCheckpoints: 6, recordUntil: RECORD });
    for (let k = 0; k < 60; k++) {
      const r = rnd();
      if (r < 0.3) owner.record({ at: 0, type: 'access', vcpu: int(2), gpa: GPAS[int(GPAS.length)]! });
      else if (r < 0.55) for (let n = int(12); n > 0 && owner.stepOnce(); n--);
      else if (r < 0.7) owner.back();
      else if (r < 0.85) owner.seek(int(owner.frontier + 40));
      else if (r < 0.92) owner.undoClick();
      else owner.extendTo(owner.frontier + int(200));
    }
    expectSameAsFresh(owner);
  });
});
