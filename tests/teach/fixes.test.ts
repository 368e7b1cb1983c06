/**
 * The fixes of presets 15 and 16 (src/playground/fixes.ts), run through the engine: the preset
 * breaks its invariant, the fixed run (same machine, same clicks) breaks nothing, the two runs
 * agree up to `divergesAt` and part there, and what each fix caption says happens at its step
 * does. Then the pure logic that picks captions, notes and the button.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type Report, type Scenario, type TraceEvent } from '../../src/engine';
import { fixedScenario, fixOf, flawedScenario, PRESET_FIXES } from '../../src/playground/fixes';
import { narrationMismatch, narrationOrigin, otherRun } from '../../src/playground/narrationOrigin';
import { presets } from '../../src/playground/presets';
import { variantWords } from '../../src/playground/variantWords';
import { parseScenario } from '../../src/share';
import { loadPreset } from '../engine/helpers';

function run(scenario: Scenario): Report {
  return runScenario(scenario, { maxSteps: 2000 });
}

function at(report: Report, step: number): TraceEvent[] {
  return (report.events ?? []).filter((e) => e.step === step);
}

function eventAt(report: Report, step: number, kind: string): TraceEvent {
  const found = at(report, step).find((e) => e.kind === kind);
  if (!found) throw new Error(`no ${kind} at step ${step}: ${JSON.stringify(at(report, step))}`);
  return found;
}

describe('preset fixes, run through the engine', () => {
  it.each(PRESET_FIXES.map((f) => [f.preset, f] as const))('%s', (name, fix) => {
    const preset = loadPreset(name);
    const fixed = fixedScenario(preset, fix);
    // A valid scenario of scenario.md (a link of it opens), with the preset's machine and clicks.
    const parsed = parseScenario(JSON.parse(JSON.stringify(fixed)));
    expect(parsed.ok && parsed.scenario).toEqual(fixed);
    expect(fixed.config.vcpus).toEqual(preset.config.vcpus);
    expect(fixed.actions).toEqual(preset.actions);
    expect(fixed.config.variant).toEqual({ ...preset.config.variant, ...fix.variant });

    const flawed = run(preset);
    const good = run(fixed);
    expect(flawed.violations.map((v) => v.invariant)).toContain(fix.breaks);
    expect(good.violations).toEqual([]);
    expect(good.outcome).toBe('quiescent');

    // The runs agree before divergesAt and differ at it.
    const before = (r: Report) => (r.events ?? []).filter((e) => e.step < fix.divergesAt);
    expect(before(good)).toEqual(before(flawed));
    expect(at(good, fix.divergesAt)).not.toEqual(at(flawed, fix.divergesAt));

    // Every caption is at a step of the run, in order, and the first names the fix.
    const steps = fix.narration.map((c) => c.at);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(Math.max(...steps)).toBeLessThan(good.steps);
    expect(fix.narration[0].text).toContain(variantWords(fixed.config.variant));
  });

  it('flag-cleared-by-nested under tifInVeClear = owner: what the captions say', () => {
    const fix = fixOf('flag-cleared-by-nested');
    if (!fix) throw new Error('no fix');
    const good = run(fixedScenario(loadPreset('flag-cleared-by-nested'), fix));
    const caption = (step: number) => fix.narration.find((c) => c.at === step)?.text ?? '';
    // 20: the first nested #VE suspends (TIF_IN_VE set by the outer handler).
    expect(eventAt(good, 20, 've.decide').detail).toMatchObject({ tifWasSet: true, canContinue: false });
    expect(caption(20)).toContain('SUSPEND_ME');
    // 34: on its way out it leaves the flag alone.
    expect(eventAt(good, 34, 've.clear_flag').detail).toMatchObject({ cleared: false });
    expect(caption(34)).toContain('leaves TIF_IN_VE alone');
    // 44: the second nested #VE still finds the flag set and suspends too.
    expect(eventAt(good, 44, 've.decide').detail).toMatchObject({ tifWasSet: true, canContinue: false });
    expect(caption(44)).toContain('suspends too');
    expect(eventAt(good, 64, 've.clear_flag').detail).toMatchObject({ cleared: false });
    expect(eventAt(good, 65, 'hw.access').detail).toMatchObject({ gpa: '0x4000', result: 'hit' });
    // 66: only the outer handler waits, on info[0].
    expect(eventAt(good, 66, 've.cc.wait').detail).toMatchObject({ idx: 0, parked: true, task: 'app' });
    expect(eventAt(good, 76, 'gc.wake').detail).toMatchObject({ woke: 'app' });
    // 82: the outer handler, which set the flag, clears it.
    expect(eventAt(good, 82, 've.clear_flag').detail).toMatchObject({ cleared: true });
  });

  it('bug-on-despite-check under smClear = after-release: what the captions say', () => {
    const fix = fixOf('bug-on-despite-check');
    if (!fix) throw new Error('no fix');
    const good = run(fixedScenario(loadPreset('bug-on-despite-check'), fix));
    expect(eventAt(good, 21, 've.decide').detail).toMatchObject({ full: true, canContinue: false });
    expect(eventAt(good, 30, 'hc.write').detail).toMatchObject({ state: 'RESOLVED' });
    expect(eventAt(good, 32, 've.read').detail).toMatchObject({ idx: 1, state: 'RESOLVED' });
    // 34: the same access that was a #VE (and BUG_ON) is a VM exit: the busy word is still set.
    expect(eventAt(good, 34, 'hw.access').detail).toMatchObject({
      gpa: '0x4000',
      result: 'vmexit',
      reason: 'busy',
    });
    expect(eventAt(good, 42, 'hw.access').detail).toMatchObject({ gpa: '0x4000', result: 'hit' });
    // 43, 44: the slot is freed, then #VE re-armed.
    expect(eventAt(good, 43, 've.clear_bit').detail).toMatchObject({ idx: 1 });
    eventAt(good, 44, 've.sm.clear');
    expect((good.events ?? []).some((e) => e.kind === 've.bug_on' && e.detail?.fired === true)).toBe(false);
    expect(eventAt(good, 76, 'gc.wake').detail).toMatchObject({ woke: 'a' });
  });
});

describe('which captions a run shows', () => {
  const flag = loadPreset('flag-cleared-by-nested');
  const fix = fixOf('flag-cleared-by-nested');
  if (!fix) throw new Error('no fix');

  it("every preset's captions are known, for the preset's variant", () => {
    for (const p of presets()) {
      const origin = narrationOrigin(p.scenario);
      expect(origin?.preset.name, p.name).toBe(p.name);
      expect(origin?.kind).toBe('preset');
      expect(narrationMismatch(p.scenario, origin)).toBeNull();
    }
  });

  it('a preset with a fix offers it, at the step where the runs part at most; the fix offers the way back', () => {
    const origin = narrationOrigin(flag);
    const other = otherRun(flag, origin, 49);
    expect(other?.label).toBe('Try the fix: tifInVeClear = owner');
    expect(other?.at).toBe(34);
    expect(otherRun(flag, origin, 5)?.at).toBe(5);
    expect(other?.scenario).toEqual(fixedScenario(flag, fix));
    const fixed = fixedScenario(flag, fix);
    const back = otherRun(fixed, narrationOrigin(fixed), 60);
    expect(narrationOrigin(fixed)?.kind).toBe('fix');
    expect(back?.label).toBe('Show the flaw: the mail as written');
    expect(back?.scenario).toEqual(flawedScenario(fixed, flag));
    expect(back?.scenario).toEqual(flag);
    // A preset without a fix offers nothing.
    const happy = loadPreset('happy-user');
    expect(otherRun(happy, narrationOrigin(happy), 3)).toBeNull();
  });

  it('captions under another variant give way to a note, and no fix is offered', () => {
    const changed: Scenario = {
      ...flag,
      config: { ...flag.config, variant: { ...flag.config.variant, injectWhen: 'always' } },
    };
    const origin = narrationOrigin(changed);
    expect(narrationMismatch(changed, origin)).toBe(
      'The narration was written for the mail as written; this run uses injectWhen = always.',
    );
    expect(otherRun(changed, origin, 10)).toBeNull();
    // The fix's captions under the mail's variant: written for the fix.
    const fixed = fixedScenario(flag, fix);
    const reverted: Scenario = { ...fixed, config: { ...fixed.config, variant: flag.config.variant } };
    expect(narrationMismatch(reverted, narrationOrigin(reverted))).toBe(
      'The narration was written for tifInVeClear = owner; this run uses the mail as written.',
    );
    // Captions of one's own are nobody else's.
    const own: Scenario = { ...changed, narration: [{ at: 0, text: 'mine' }] };
    expect(narrationOrigin(own)).toBeNull();
    expect(narrationMismatch(own, null)).toBeNull();
  });

  it('variants in words', () => {
    expect(variantWords(flag.config.variant)).toBe('the mail as written');
    expect(variantWords(loadPreset('lost-wakeup').config.variant)).toBe('injectWhen = always');
    expect(variantWords({ ...flag.config.variant, tifInVeClear: 'owner', smClear: 'after-release' })).toBe(
      'tifInVeClear = owner, smClear = after-release',
    );
  });
});
