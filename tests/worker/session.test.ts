/** The worker's command handling: no hang on far seeks, idle stretches crossed, undo and clear. */
import { describe, expect, it } from 'vitest';
import { BOTH_FIXES, seededRandom, type Scenario } from '../../src/engine';
import { parseScenario } from '../../src/share/schema';
import { checkpointBytes, checkpointLimit, Session } from '../../src/worker/session';
import playground from '../../public/scenarios/playground.json';

function validate(s: unknown): Scenario {
  const parsed = parseScenario(s);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.scenario;
}

const live = { playing: false, speed: 4, stepsPerSecond: 0, playingMs: 0 };
const base = validate(playground);
/** A fault now and another at step 999 999 999: a billion idle ticks in between. */
const late = validate({
  ...base,
  actions: [
    { at: 0, type: 'access', vcpu: 0, gpa: '0x2000' },
    { at: 999_999_999, type: 'access', vcpu: 1, gpa: '0x3000' },
  ],
});

describe('Session', () => {
  it('a seek beyond the end stops at the end, settled, without a cap', () => {
    const s = new Session();
    s.handle(1, {
      type: 'load',
      scenario: validate({ ...base, actions: [{ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }] }),
    });
    s.handle(2, { type: 'seek', step: 999_999_999 });
    const frame = s.frame(2, live)!;
    expect(frame.changes.outcome).toBe('quiescent');
    expect(frame.changes.step).toBeLessThan(1000);
    expect(frame.capped).toBeUndefined();
  });

  it('crosses a billion idle ticks at once: &at= at the late action, Step and Play on to the end', () => {
    const s = new Session();
    s.handle(1, { type: 'load', scenario: late, at: 999_999_999 });
    expect(s.owner!.tick).toBe(999_999_999);
    expect(s.frame(1, live)!.capped).toBeUndefined();
    // From step 0, Step goes across the stretch too; stepping on reaches the end with an outcome.
    s.handle(2, { type: 'seek', step: 200 });
    let n = 0;
    while (s.stepOnce()) n++;
    expect(s.owner!.tick).toBeGreaterThan(999_999_999);
    expect(s.owner!.run.state.outcome).toBe('quiescent');
    expect(n).toBeLessThan(10_000);
  });

  it('a seek too far into a busy run is capped, and the frame says where it stopped', () => {
    const busy = validate({
      ...base,
      actions: Array.from({ length: 200 }, (_, i) => [
        { at: i * 10, type: 'set-page', gpa: '0x2000', backing: 'swapped' },
        { at: i * 10 + 1, type: 'access', vcpu: i % 2, gpa: '0x2000' },
      ]).flat(),
    });
    const s = new Session(500);
    s.handle(1, { type: 'load', scenario: busy, at: 999_999_999 });
    const frame = s.frame(1, live)!;
    expect(frame.capped).toEqual({ asked: 999_999_999, reached: s.owner!.tick });
    expect(s.owner!.tick).toBeGreaterThan(0);
    expect(s.owner!.end).toBeNull();
    // A restart's load reaches its step whatever it costs (here: more than 500 ticks of work).
    const reached = s.owner!.tick;
    const resumed = new Session(100);
    resumed.handle(1, { type: 'load', scenario: busy, at: reached, resume: { clicks: [], rewound: false } });
    expect(resumed.owner!.tick).toBe(reached);
    expect(resumed.frame(1, live)!.capped).toBeUndefined();
  });

  it('undo-click and clear-clicks: the scenario comes back whole in the frame', () => {
    const s = new Session();
    s.handle(1, { type: 'load', scenario: base });
    s.frame(1, live);
    s.handle(2, { type: 'access', vcpu: 0, gpa: '0x2000' });
    s.handle(3, { type: 'step' });
    s.handle(4, { type: 'step' });
    s.handle(5, { type: 'access', vcpu: 1, gpa: '0x3000' });
    const clicked = s.frame(5, live)!;
    expect(clicked.scenario).toBeUndefined();
    expect(clicked.recorded!.map((r) => r.action)).toEqual([
      { at: 0, type: 'access', vcpu: 0, gpa: '0x2000' },
      { at: 2, type: 'access', vcpu: 1, gpa: '0x3000' },
    ]);
    expect(clicked.undoableClicks).toBe(2);
    s.handle(6, { type: 'undo-click' });
    const undone = s.frame(6, live)!;
    expect(undone.scenario!.actions).toEqual([{ at: 0, type: 'access', vcpu: 0, gpa: '0x2000' }]);
    expect(undone.changes.step).toBe(2);
    expect(undone.undoableClicks).toBe(1);
    s.handle(7, { type: 'clear-clicks' });
    const cleared = s.frame(7, live)!;
    expect(cleared.scenario!.actions).toEqual(base.actions);
    expect(cleared.changes.step).toBe(0);
    expect(cleared.undoableClicks).toBe(0);
  });

  it('refuses a click the scenario cannot take, and keeps the run', () => {
    const s = new Session();
    s.handle(1, { type: 'load', scenario: base });
    expect(() => s.handle(2, { type: 'access', vcpu: 7, gpa: '0x2000' })).toThrow(/out of range/);
    expect(s.owner!.scenario.actions).toEqual(base.actions);
  });

  it('keeps checkpoints dense over the whole timeline: Back and a jump replay at most 256 ticks on the playground', () => {
    // Clicks on swapped pages spread over the timeline's 200 000 steps, so the run stays busy.
    const rand = seededRandom(11);
    const swapped = base.config.pages.filter((p) => p.backing === 'swapped').map((p) => p.gpa);
    const actions = Array.from({ length: 400 }, () => {
      const at = 1 + Math.floor(rand() * 199_000);
      const gpa = swapped[Math.floor(rand() * swapped.length)]!;
      return [
        { at: at - 1, type: 'set-page', gpa, backing: 'swapped' },
        { at, type: 'access', vcpu: Math.floor(rand() * 2), gpa },
      ];
    })
      .flat()
      .sort((a, b) => a.at - b.at);
    const long = validate({
      ...base,
      config: { ...base.config, variant: { ...BOTH_FIXES } },
      actions,
    });
    const s = new Session();
    s.handle(1, { type: 'load', scenario: long });
    while (s.background(100_000)) {
      /* run the timeline's part of the run ahead */
    }
    const owner = s.owner!;
    expect(owner.frontier).toBeGreaterThan(190_000);
    expect(owner.spacing).toBe(256);
  });

  it('sizes the checkpoint limit by the machine: bounded bytes, and 200 000 steps at 512 ticks on 16 vCPUs × 64 entries', () => {
    const small = checkpointLimit(base);
    expect(small * 256).toBeGreaterThanOrEqual(200_000);
    const tasks = Array.from({ length: 6 }, (_, t) => ({ name: `u${t}` }));
    const big = validate({
      ...base,
      config: { ...base.config, entries: 64, vcpus: Array.from({ length: 16 }, () => ({ tasks })) },
      actions: [],
    });
    const limit = checkpointLimit(big);
    expect(limit * 512).toBeGreaterThanOrEqual(200_000);
    expect(limit * checkpointBytes(big)).toBeLessThanOrEqual(48 * 1024 * 1024);
    expect(checkpointBytes(big)).toBeGreaterThan(10 * checkpointBytes(base));
  });
});
