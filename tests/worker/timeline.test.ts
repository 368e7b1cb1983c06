/** The worker's timeline: Back is an exact replay, clicks after going back start a new timeline. */
import { describe, expect, it } from 'vitest';
import { takeSnapshot, type Scenario } from '../../src/engine';
import { parseScenario } from '../../src/share/schema';
import { Timeline } from '../../src/worker/timeline';
import playground from '../../public/scenarios/playground.json';

function validate(s: unknown): Scenario {
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

describe('Timeline', () => {
  it('steps forward and Back restores the exact previous snapshot', () => {
    const tl = new Timeline(validate(playground));
    tl.record({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }, validate);
    const seen: string[] = [JSON.stringify(takeSnapshot(tl.run))];
    for (let n = 0; n < 30 && tl.stepOnce(); n++) seen.push(JSON.stringify(takeSnapshot(tl.run)));
    for (let n = seen.length - 2; n >= 0; n--) {
      tl.back();
      expect(JSON.stringify(takeSnapshot(tl.run))).toBe(seen[n]);
    }
  });

  it('records a click at the current tick and truncates the old future after going back', () => {
    const tl = new Timeline(validate(playground));
    tl.record({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }, validate);
    for (let n = 0; n < 5; n++) tl.stepOnce();
    tl.record({ at: tl.tick, type: 'access', vcpu: 0, gpa: '0x3000' }, validate);
    expect(tl.scenario.actions.map((a) => a.at)).toEqual([0, 5]);
    tl.seek(3);
    tl.record({ at: tl.tick, type: 'access', vcpu: 1, gpa: '0x4000' }, validate);
    expect(tl.scenario.actions).toEqual([
      { at: 0, type: 'access', vcpu: 0, gpa: '0x2000' },
      { at: 3, type: 'access', vcpu: 1, gpa: '0x4000' },
    ]);
    expect(tl.tick).toBe(3);
  });

  it('seeks far and back through checkpoints to the same state as a straight run', () => {
    const tl = new Timeline(validate(playground));
    tl.record({ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }, validate);
    tl.seek(40);
    const at40 = JSON.stringify(takeSnapshot(tl.run));
    tl.seek(5);
    tl.seek(40);
    expect(JSON.stringify(takeSnapshot(tl.run))).toBe(at40);
  });
});
