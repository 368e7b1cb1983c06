/**
 * Idle stretches pass at once (issue 13): when no actor can step, the clock jumps to the next tick
 * at which something can happen. Idle ticks still count as ticks, and the jump must give exactly
 * the run that tick-by-tick execution gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceTo,
  hashRun,
  runScenario,
  startRun,
  step,
  tickOnce,
  type Run,
  type TraceEvent,
} from '../../src/engine';
import { actionsArb, buildScenario, machineArb } from './arbitraries';
import { parseOrThrow } from './helpers';

const LATE = 999_999_999;

/** app touches a swapped page at step `at`; nothing happens before. */
function lateAccess(at: number, extra: Record<string, unknown>[] = [], scheduler = 'round-robin') {
  return parseOrThrow({
    format: 've-playground/scenario',
    version: 1,
    config: {
      scheduler,
      vcpus: [{ tasks: [{ name: 'app' }, { name: 'k', mode: 'kernel' }] }],
      pages: [{ gpa: '0x2000', backing: 'swapped' }],
    },
    actions: [...extra, { at, type: 'access', vcpu: 0, gpa: '0x2000' }],
  });
}

/** Runs to the end with unbounded idle jumps; returns the events and how many calls it took. */
function playCounting(run: Run): { events: TraceEvent[]; calls: number } {
  const events: TraceEvent[] = [];
  let calls = 0;
  while (tickOnce(run, events, Infinity) !== 'stop') calls++;
  return { events, calls };
}

describe('idle stretches', () => {
  it('an action at step 999 999 999 costs as many engine calls as one at step 9', () => {
    const early = playCounting(startRun(lateAccess(9)));
    const late = playCounting(startRun(lateAccess(LATE)));
    expect(late.calls).toBe(early.calls);
    expect(late.events.map((e) => ({ ...e, step: e.step - (LATE - 9) }))).toEqual(early.events);
  });

  it('the report counts idle ticks as steps, and max-steps stops exactly at the limit', () => {
    const whole = runScenario(lateAccess(LATE), { maxSteps: 2_000_000_000 });
    expect(whole.outcome).toBe('quiescent');
    expect(whole.events![0]).toMatchObject({ step: LATE, kind: 'hw.access' });
    expect(whole.steps).toBe(whole.events!.at(-1)!.step + 1);
    const cut = runScenario(lateAccess(LATE), { maxSteps: 1_000_000_000 });
    expect(cut.outcome).toBe('max-steps');
    expect(cut.steps).toBe(1_000_000_000);
    expect(cut.events!.map((e) => e.step)).toEqual([LATE]);
  });

  it('step() lets the idle ticks pass at once and executes exactly one step', () => {
    const run = startRun(lateAccess(LATE));
    const events: TraceEvent[] = [];
    expect(step(run, events)).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ step: LATE, kind: 'hw.access' });
    expect(run.state.tick).toBe(LATE + 1);
  });

  it('tickOnce without a bound still passes one idle tick per call; advanceTo stops at its target', () => {
    const run = startRun(lateAccess(LATE));
    expect(tickOnce(run)).toBe('idle');
    expect(run.state.tick).toBe(1);
    expect(advanceTo(run, 500_000_000)).toBe(true);
    expect(run.state.tick).toBe(500_000_000);
    expect(tickOnce(run, undefined, 700_000_000)).toBe('idle');
    expect(run.state.tick).toBe(700_000_000);
  });

  it('a pick inside an idle stretch ends the run as invalid at that pick, as tick by tick', () => {
    const picked = lateAccess(LATE, [{ at: 123_456_789, type: 'pick', actor: 'vcpu0' }], 'manual');
    const r = runScenario(picked, { maxSteps: 2_000_000_000 });
    expect(r.outcome).toBe('invalid');
    expect(r.steps).toBe(123_456_789);
    expect(r.message).toContain('step 123456789');
  });

  it('on random scenarios, jumping idle stretches gives the run tick-by-tick execution gives', () => {
    fc.assert(
      fc.property(machineArb, actionsArb, (m, raw) => {
        const scenario = buildScenario(m, raw);
        const byTick = startRun(scenario);
        const tickEvents: TraceEvent[] = [];
        while (byTick.state.tick < 5000 && tickOnce(byTick, tickEvents) !== 'stop');
        const jumping = startRun(scenario);
        const jumpEvents: TraceEvent[] = [];
        advanceTo(jumping, 5000, jumpEvents);
        expect(jumpEvents).toEqual(tickEvents);
        expect(hashRun(jumping)).toBe(hashRun(byTick));
      }),
      { numRuns: 300 },
    );
  });
});
