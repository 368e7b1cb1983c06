/**
 * The named scenarios of protocol.md §5, one test each: the outcome, and the facts that make the
 * scenario what it is, read from the trace events and the snapshots.
 */
import { describe, expect, it } from 'vitest';
import { BUSY_SET } from '../../src/engine';
import type { Snapshot, TraceEvent } from '../../src/engine';
import {
  NAMED,
  broken,
  eventsOf,
  firstOf,
  loadPreset,
  presetNames,
  run,
  runPreset,
  stepwise,
  traceText,
  withVariant,
} from './helpers';

type Ran = ReturnType<typeof run>;

/** Quiescent, nothing broken, every slot NONE, every active bit clear, every busy word 0. */
function expectCleanEnd(r: Ran): void {
  expect(r.outcome, r.message).toBe('quiescent');
  expect(r.violations).toEqual([]);
  expectIdleMachine(r.final);
}

function expectIdleMachine(final: Snapshot): void {
  for (const v of final.vcpus) {
    expect(v.busy).toBe(0);
    expect(v.active.every((b) => !b)).toBe(true);
    expect(v.slots.map((s) => s.state).every((s) => s === 'NONE')).toBe(true);
    expect(v.frames.filter((f) => f.kind === 've' || f.kind === 'completion')).toEqual([]);
  }
  expect(final.tasks.filter((t) => t.status === 'parked')).toEqual([]);
  expect(final.host.resolutions).toEqual([]);
  expect(final.host.injections).toEqual([]);
}

/** Events of one vCPU strictly between two steps. */
function between(events: TraceEvent[], from: number, to: number, actor?: string): TraceEvent[] {
  return events.filter((e) => e.step > from && e.step < to && (actor === undefined || e.actor === actor));
}

/** The event right after `e` on `actor` (default: the same actor). */
function nextOn(events: TraceEvent[], e: TraceEvent, actor = e.actor): TraceEvent | undefined {
  return events.find((x) => x.step > e.step && x.actor === actor);
}

describe('named scenarios of protocol.md §5', () => {
  it('has a preset file for every named scenario (plus the playground default)', () => {
    expect(presetNames()).toEqual([...NAMED, 'playground'].sort());
  });

  it('1. happy-user: park, another task runs, completion, wake, retry as a hit', () => {
    const r = runPreset('happy-user');
    expectCleanEnd(r);
    expect(eventsOf(r, 'vcpu0', 'hw.ve')).toHaveLength(1);
    const decide = firstOf(r, 'vcpu0', 've.decide');
    expect(decide.detail).toMatchObject({ canContinue: true, userMode: true, tifWasSet: false });
    const waits = eventsOf(r, 'vcpu0', 've.cc.wait');
    expect(waits.map((e) => e.detail.parked)).toEqual([true, false]);
    expect(waits[0]!.detail.task).toBe('app');
    // Another task runs while app is parked: step-by-step view at the park.
    const { events, after } = stepwise(loadPreset('happy-user'));
    const parkAt = events.findIndex((e) => e.kind === 've.cc.wait' && e.detail.parked === true);
    expect(after[parkAt]!.vcpus[0]!.currentTask).toBe('kworker');
    expect(after[parkAt]!.tasks.find((t) => t.name === 'app')!.status).toBe('parked');
    // The host completes CAN_CONTINUE → RESOLVED, queues, injects; the guest completion wakes app.
    expect(firstOf(r, 'host', 'hc.switch').detail).toMatchObject({
      state: 'CAN_CONTINUE',
      action: 'queue_completion',
    });
    expect(firstOf(r, 'host', 'hc.write').detail).toMatchObject({ state: 'RESOLVED' });
    expect(eventsOf(r, 'host', 'inj.inject')).toHaveLength(1);
    const wake = firstOf(r, 'vcpu0', 'gc.wake');
    expect(wake.detail.woke).toBe('app');
    expect(wake.step).toBeGreaterThan(waits[0]!.step);
    expect(waits[1]!.step).toBeGreaterThan(wake.step);
    expect(firstOf(r, 'vcpu0', 've.switch').detail).toMatchObject({ state: 'RESOLVED', action: 'retry' });
    const last = r.events[r.events.length - 1]!;
    expect(last).toMatchObject({ kind: 'hw.access', detail: { gpa: '0x2000', result: 'hit' } });
    expect(r.final.tasks.map((t) => [t.name, t.status])).toEqual([
      ['app', 'running'],
      ['kworker', 'runnable'],
    ]);
  });

  it('2. suspend-preempt-off: SUSPEND_ME, vCPU suspended until resolved, resumes, RESOLVED', () => {
    const scenario = loadPreset('suspend-preempt-off');
    const r = run(scenario);
    expectCleanEnd(r);
    const decide = firstOf(r, 'vcpu0', 've.decide');
    expect(decide.detail).toMatchObject({ canContinue: false, userMode: false, preemptible: false });
    expect(nextOn(r.events, decide)!.kind).toBe('ve.sm.state');
    expect(eventsOf(r, 'vcpu0', 've.cc.wait')).toEqual([]);
    const hyper = firstOf(r, 'vcpu0', 've.sm.hypercall');
    const resume = firstOf(r, 'host', 'hc.switch');
    expect(resume.detail).toMatchObject({ state: 'SUSPEND_ME', action: 'resume_vcpu' });
    // Nothing runs on vCPU 0 between the hypercall and the resume: it is suspended.
    expect(between(r.events, hyper.step, resume.step, 'vcpu0')).toEqual([]);
    const { events, after } = stepwise(scenario);
    const h = events.findIndex((e) => e.kind === 've.sm.hypercall');
    expect(after[h]!.vcpus[0]!.state).toBe('suspended');
    expect(after[h]!.tasks.find((t) => t.name === 'irqwork')!.status).toBe('running');
    expect(firstOf(r, 'vcpu0', 've.read').detail.state).toBe('RESOLVED');
    expect(r.events[r.events.length - 1]).toMatchObject({ kind: 'hw.access', detail: { result: 'hit' } });
    expect(eventsOf(r, 'host', 'inj.inject')).toEqual([]);
  });

  it('3. nested-before-clear: busy is set, so a VM exit; then the first fault completes', () => {
    const scenario = loadPreset('nested-before-clear');
    const r = run(scenario);
    expectCleanEnd(r);
    const { events, after } = stepwise(scenario);
    expect(events).toEqual(r.events);
    const exitAt = events.findIndex((e) => e.kind === 'vmexit.wait' && e.actor === 'vcpu0');
    expect(exitAt).toBeGreaterThan(0);
    expect(events[exitAt - 1]).toMatchObject({
      kind: 'hw.access',
      detail: { gpa: '0x3000', result: 'vmexit', reason: 'busy' },
    });
    expect(after[exitAt]!.vcpus[0]!.busy).toBe(BUSY_SET);
    expect(after[exitAt]!.vcpus[0]!.state).toBe('suspended');
    const clear = firstOf(r, 'vcpu0', 've.cc.clear');
    expect(events[exitAt]!.step).toBeLessThan(clear.step);
    // Only one #VE, and none before ve.cc.clear apart from the first.
    expect(eventsOf(r, 'vcpu0', 'hw.ve')).toHaveLength(1);
    const resolved = firstOf(r, 'host', 'vmexit.resolved');
    expect(resolved.detail).toMatchObject({ gpa: '0x3000', result: 'RESOLVED' });
    expect(between(r.events, events[exitAt]!.step, resolved.step, 'vcpu0')).toEqual([]);
    expect(nextOn(r.events, resolved, 'vcpu0')).toMatchObject({
      kind: 'hw.access',
      detail: { gpa: '0x3000', result: 'hit' },
    });
    // Then the first fault goes on normally: CAN_CONTINUE, park, wake, retry.
    expect(eventsOf(r, 'vcpu0', 've.cc.wait').map((e) => e.detail.parked)).toEqual([true, false]);
    expect(r.events[r.events.length - 1]).toMatchObject({
      kind: 'hw.access',
      detail: { gpa: '0x2000', result: 'hit' },
    });
  });

  it('4. nested-after-clear: a second #VE after ve.cc.clear; TIF_IN_VE set → SUSPEND_ME', () => {
    const r = runPreset('nested-after-clear');
    expectCleanEnd(r);
    const clear = firstOf(r, 'vcpu0', 've.cc.clear');
    const ves = eventsOf(r, 'vcpu0', 'hw.ve');
    expect(ves).toHaveLength(2);
    expect(ves[1]!.step).toBeGreaterThan(clear.step);
    expect(ves[1]!.detail.gpa).toBe('0x3000');
    const firstWait = firstOf(r, 'vcpu0', 've.cc.wait');
    expect(ves[1]!.step).toBeLessThan(firstWait.step);
    const decides = eventsOf(r, 'vcpu0', 've.decide');
    expect(decides).toHaveLength(2);
    expect(decides[1]!.detail).toMatchObject({ tifWasSet: true, canContinue: false });
    expect(nextOn(r.events, decides[1]!)!.kind).toBe('ve.sm.state');
    expect(firstOf(r, 'vcpu0', 've.sm.state').detail.idx).toBe(1);
    // The nested fault is resolved before the outer handler parks.
    expect(firstOf(r, 'vcpu0', 've.sm.clear').step).toBeLessThan(firstWait.step);
    expect(firstWait.detail).toMatchObject({ idx: 0, parked: true });
  });

  it('5. bitmap-full: the last slot → SUSPEND_ME; an access inside that handler is a VM exit', () => {
    const scenario = loadPreset('bitmap-full');
    expect(scenario.config.entries).toBe(2);
    const r = run(scenario);
    expectCleanEnd(r);
    const full = eventsOf(r, 'vcpu0', 've.decide').find((e) => e.detail.full === true);
    expect(full, traceText(r.events)).toBeDefined();
    expect(full!.detail.canContinue).toBe(false);
    expect(full!.detail.userMode).toBe(true);
    expect(nextOn(r.events, full!)!.kind).toBe('ve.sm.state');
    const smClear = firstOf(r, 'vcpu0', 've.sm.clear');
    const exits = between(r.events, full!.step, smClear.step, 'vcpu0').filter((e) => e.kind === 'hw.access');
    expect(exits[0]).toMatchObject({ detail: { gpa: '0x4000', result: 'vmexit', reason: 'busy' } });
    // It ran right after the resume (rule 6.1).
    const resume = eventsOf(r, 'host', 'hc.switch').find((e) => e.detail.action === 'resume_vcpu')!;
    expect(nextOn(r.events, resume, 'vcpu0')!.step).toBe(exits[0]!.step);
    // No third #VE and no BUG_ON.
    expect(eventsOf(r, 'vcpu0', 'hw.ve')).toHaveLength(2);
    expect(eventsOf(r, 'vcpu0', 've.bug_on').every((e) => e.detail.fired === false)).toBe(true);
    const { events, after } = stepwise(scenario);
    const x = events.findIndex((e) => e.kind === 'hw.access' && e.detail.result === 'vmexit');
    expect(after[x]!.vcpus[0]!.busy).toBe(BUSY_SET);
    expect(after[x]!.vcpus[0]!.active).toEqual([true, true]);
  });

  it('6. fail-user-sigbus: FAIL, SIGBUS, the task is killed, the guest lives', () => {
    const r = runPreset('fail-user-sigbus');
    expectCleanEnd(r);
    expect(firstOf(r, 'host', 'hc.write').detail.state).toBe('FAIL');
    expect(firstOf(r, 'vcpu0', 've.switch').detail).toMatchObject({ state: 'FAIL', action: 'SIGBUS' });
    expect(firstOf(r, 'vcpu0', 've.clear_flag').detail).toMatchObject({ exit: 'SIGBUS', killed: 'app' });
    const app = r.final.tasks.find((t) => t.name === 'app')!;
    expect(app).toMatchObject({ status: 'killed', signal: 'SIGBUS' });
    expect(r.final.tasks.find((t) => t.name === 'kworker')!.status).toBe('running');
    expect(r.final.vcpus[0]!.state).not.toBe('dead');
  });

  it('7. fail-kernel-fixup: fixup, -EFAULT, the task goes on', () => {
    const r = runPreset('fail-kernel-fixup');
    expectCleanEnd(r);
    expect(firstOf(r, 'host', 'hc.write').detail.state).toBe('FAIL');
    expect(firstOf(r, 'vcpu0', 've.switch').detail).toMatchObject({ state: 'FAIL', action: 'fixup' });
    expect(firstOf(r, 'vcpu0', 've.clear_flag').detail.exit).toBe('fixup');
    // The access is not retried: -EFAULT.
    expect(eventsOf(r, 'vcpu0', 'hw.access')).toHaveLength(1);
    const copier = r.final.tasks.find((t) => t.name === 'copier')!;
    expect(copier).toMatchObject({ status: 'running', signal: null, mode: 'kernel', fixup: true });
  });

  it('8. fail-kernel-panic: panic("I\'m toast")', () => {
    const r = runPreset('fail-kernel-panic');
    expect(r.outcome).toBe('panic');
    expect(r.message).toContain("I'm toast");
    expect(r.violations).toEqual([]);
    expect(firstOf(r, 'vcpu0', 've.switch').detail).toMatchObject({ state: 'FAIL', action: 'panic' });
    expect(r.final.vcpus.every((v) => v.state === 'dead')).toBe(true);
    expect(r.events[r.events.length - 1]!.kind).toBe('ve.switch');
  });

  it('9. suppress-ve: always a VM exit, never a #VE', () => {
    const r = runPreset('suppress-ve');
    expectCleanEnd(r);
    expect(eventsOf(r, undefined, 'hw.ve')).toEqual([]);
    expect(r.events.filter((e) => e.kind.startsWith('ve.'))).toEqual([]);
    expect(firstOf(r, 'vcpu0', 'hw.access').detail).toMatchObject({
      result: 'vmexit',
      reason: 'suppress-#VE',
    });
    expect(eventsOf(r, 'vcpu0', 'vmexit.wait')).toHaveLength(1);
    expect(firstOf(r, 'host', 'vmexit.resolved').detail.result).toBe('RESOLVED');
    expect(r.events[r.events.length - 1]).toMatchObject({ kind: 'hw.access', detail: { result: 'hit' } });
    expect(r.final.vcpus[0]!.veInfo.busy).toBe(0);
  });

  it('10. irqs-off-completion: queued while IF=0, injected only after IF=1 again', () => {
    const scenario = loadPreset('irqs-off-completion');
    const setTask = scenario.actions.find((a) => a.type === 'set-task')!;
    expect(setTask).toMatchObject({ task: 'irqoff', irqsOff: false });
    const r = run(scenario);
    expectCleanEnd(r);
    const queued = eventsOf(r, 'host', 'hc.switch').find((e) => e.detail.action === 'queue_completion')!;
    expect(queued.step).toBeLessThan(setTask.at);
    const hc = firstOf(r, 'host', 'inj.host_current');
    expect(hc.step).toBeGreaterThanOrEqual(setTask.at);
    // While the completion waits, the snapshot shows it queued and not deliverable.
    const { events, after } = stepwise(scenario);
    const q = events.findIndex((e) => e.kind === 'hc.switch');
    expect(after[q]!.host.injections).toEqual([
      expect.objectContaining({ vcpu: 0, idx: 0, deliverable: false, next: 'inj.host_current' }),
    ]);
    expect(after[q]!.vcpus[0]!.currentTask).toBe('irqoff');
    expect(after[q]!.vcpus[0]!.ifOn).toBe(false);
    expect(firstOf(r, 'vcpu0', 'gc.wake').detail.woke).toBe('app');
  });

  it('11. lost-wakeup: injectWhen "always", two completions back to back → hung', () => {
    const scenario = loadPreset('lost-wakeup');
    expect(scenario.config.variant.injectWhen).toBe('always');
    const r = run(scenario);
    expect(r.outcome).toBe('hung');
    expect(r.message).toMatch(/task a stays parked/);
    expect(broken(r)).toContain('host-current-consumed');
    const hcs = eventsOf(r, 'host', 'inj.host_current');
    expect(hcs.map((e) => e.detail.idx)).toEqual([0, 1]);
    // Both gc.info read the second index; slot 0's waiter is never woken.
    expect(eventsOf(r, 'vcpu0', 'gc.info').map((e) => e.detail.idx)).toEqual([1, 1]);
    expect(r.final.tasks.find((t) => t.name === 'a')!.status).toBe('parked');
    // The same faults with the default injectWhen (and without the pick that steers the host
    // into the window): nothing breaks, both tasks are woken.
    const fixed = run({
      ...withVariant(scenario, { injectWhen: 'if1' }),
      actions: scenario.actions.filter((a) => a.type !== 'pick'),
    });
    expectCleanEnd(fixed);
    expect(eventsOf(fixed, 'vcpu0', 'gc.wake').map((e) => e.detail.woke)).toEqual(['a', 'b']);
  });

  it('12. bug-on: bitmapFullCheck false, more parked faults than slots → bug', () => {
    const scenario = loadPreset('bug-on');
    expect(scenario.config.variant.bitmapFullCheck).toBe(false);
    const r = run(scenario);
    expect(r.outcome).toBe('bug');
    expect(broken(r)).toEqual(['no-bug']);
    expect(r.message).toMatch(/BUG_ON/);
    const parked = eventsOf(r, 'vcpu0', 've.cc.wait').filter((e) => e.detail.parked === true);
    expect(parked).toHaveLength(scenario.config.entries);
    const fired = eventsOf(r, 'vcpu0', 've.bug_on').filter((e) => e.detail.fired === true);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.detail.idx).toBe(scenario.config.entries);
    expect(r.final.vcpus.every((v) => v.state === 'dead')).toBe(true);
  });

  it('13. two-vcpus: two independent ve_pages, each completion to its own vCPU', () => {
    const r = runPreset('two-vcpus');
    expectCleanEnd(r);
    for (const vi of [0, 1]) {
      const actor = `vcpu${vi}`;
      expect(firstOf(r, actor, 've.vp').detail.vp).toBe(vi);
      expect(firstOf(r, actor, 've.set_bit').detail.idx).toBe(0);
      expect(eventsOf(r, actor, 've.cc.wait')[0]!.detail).toMatchObject({ idx: 0, parked: true });
      const injected = eventsOf(r, 'host', 'inj.inject').filter((e) => e.detail.vcpu === vi);
      expect(injected).toHaveLength(1);
      // The vCPU that took the injection runs gc.info next, and wakes its own app.
      expect(firstOf(r, actor, 'gc.info').step).toBeGreaterThan(injected[0]!.step);
      expect(firstOf(r, actor, 'gc.wake').detail.woke).toBe(`vcpu${vi}/app${vi}`);
    }
    // Both faults were in their handlers at once, both busy words set.
    const { events, after } = stepwise(loadPreset('two-vcpus'));
    const both = events.findIndex((e) => e.kind === 'hw.ve' && e.actor === 'vcpu1');
    expect(after[both]!.vcpus.map((v) => v.busy)).toEqual([BUSY_SET, BUSY_SET]);
    const parked = events.findIndex((e) => e.kind === 've.cc.wait' && e.actor === 'vcpu1');
    expect(after[parked]!.vcpus.map((v) => v.slots[0]!.wait)).toEqual(['vcpu0/app0', 'vcpu1/app1']);
    expect(after[parked]!.vcpus.map((v) => v.currentTask)).toEqual(['kworker0', 'kworker1']);
  });

  it('14. nested-lost-vmexit: a VM exit on a lost page before ve.cc.clear → killed', () => {
    const r = runPreset('nested-lost-vmexit');
    expect(r.outcome).toBe('killed');
    expect(r.message).toMatch(/EFAULT/);
    expect(r.violations).toEqual([]);
    const exit = eventsOf(r, 'vcpu0', 'hw.access').find((e) => e.detail.result === 'vmexit')!;
    expect(exit.detail).toMatchObject({ gpa: '0x3000', reason: 'busy' });
    expect(eventsOf(r, 'vcpu0', 've.cc.clear')).toEqual([]);
    expect(firstOf(r, 'host', 'vmexit.resolved').detail).toMatchObject({ gpa: '0x3000', result: 'FAIL' });
    expect(r.final.vcpus.every((v) => v.state === 'dead')).toBe(true);
  });

  it('15. flag-cleared-by-nested: no-nested-wait breaks under {}, nothing with tifInVeClear "owner"', () => {
    const scenario = loadPreset('flag-cleared-by-nested');
    const r = run(scenario);
    expect(broken(r)).toEqual(['no-nested-wait']);
    const decides = eventsOf(r, 'vcpu0', 've.decide');
    expect(decides.map((e) => [e.detail.tifWasSet, e.detail.canContinue])).toEqual([
      [false, true],
      [true, false],
      [false, true],
    ]);
    const clear = firstOf(r, 'vcpu0', 've.cc.clear');
    expect(eventsOf(r, 'vcpu0', 'hw.ve').filter((e) => e.step > clear.step)).toHaveLength(2);
    // The nested SUSPEND_ME handler clears the outer handler's flag on its way out.
    const clears = eventsOf(r, 'vcpu0', 've.clear_flag');
    expect(clears[0]!.detail.cleared).toBe(true);
    expect(clears[0]!.step).toBeLessThan(decides[2]!.step);
    const fixed = run(withVariant(scenario, { tifInVeClear: 'owner' }));
    expectCleanEnd(fixed);
    expect(eventsOf(fixed, 'vcpu0', 've.decide').map((e) => e.detail.canContinue)).toEqual([
      true,
      false,
      false,
    ]);
    expect(eventsOf(fixed, 'vcpu0', 've.cc.wait').filter((e) => e.detail.parked)).toHaveLength(1);
  });

  it('16. bug-on-despite-check: BUG_ON with bitmapFullCheck on; a VM exit with smClear "after-release"', () => {
    const scenario = loadPreset('bug-on-despite-check');
    expect(scenario.config.entries).toBe(2);
    expect(scenario.config.variant.bitmapFullCheck).toBe(true);
    const r = run(scenario);
    expect(r.outcome).toBe('bug');
    expect(broken(r)).toEqual(['no-bug']);
    const full = eventsOf(r, 'vcpu0', 've.decide').find((e) => e.detail.full === true)!;
    expect(full).toBeDefined();
    const smClear = firstOf(r, 'vcpu0', 've.sm.clear');
    expect(smClear.step).toBeGreaterThan(full.step);
    // The third #VE comes after ve.sm.clear re-armed and before ve.clear_bit freed the slot.
    const third = eventsOf(r, 'vcpu0', 'hw.ve')[2]!;
    expect(third.step).toBeGreaterThan(smClear.step);
    expect(eventsOf(r, 'vcpu0', 've.clear_bit').filter((e) => e.step < third.step)).toEqual([]);
    expect(eventsOf(r, 'vcpu0', 've.bug_on').at(-1)!.detail).toMatchObject({ fired: true, idx: 2 });

    const fixed = run(withVariant(scenario, { smClear: 'after-release' }));
    expectCleanEnd(fixed);
    const fault = eventsOf(fixed, 'vcpu0', 'hw.access').find((e) => e.detail.gpa === '0x4000')!;
    expect(fault.detail).toMatchObject({ result: 'vmexit', reason: 'busy' });
    expect(eventsOf(fixed, 'vcpu0', 'hw.ve')).toHaveLength(2);
    const fixedOrder = eventsOf(fixed, 'vcpu0', 've.clear_bit')[0]!.step;
    expect(firstOf(fixed, 'vcpu0', 've.sm.clear').step).toBeGreaterThan(fixedOrder);
  });

  it('17. stale-completion: no park, a stale completion for slot 0, parks twice, nothing breaks', () => {
    const scenario = loadPreset('stale-completion');
    expect(scenario.config).toMatchObject({ timing: 'free', scheduler: 'manual' });
    const r = run(scenario);
    expectCleanEnd(r);
    const waits = eventsOf(r, 'vcpu0', 've.cc.wait');
    expect(waits[0]!.detail).toMatchObject({ idx: 0, parked: false, state: 'RESOLVED' });
    // The host had read CAN_CONTINUE: it queues a completion for slot 0 although the task went on.
    const firstRead = firstOf(r, 'host', 'hc.read');
    expect(firstRead.detail).toMatchObject({ idx: 0, state: 'CAN_CONTINUE' });
    expect(firstRead.step).toBeLessThan(waits[0]!.step);
    const stale = eventsOf(r, 'host', 'hc.switch')[0]!;
    expect(stale.detail).toMatchObject({ idx: 0, action: 'queue_completion' });
    expect(stale.step).toBeGreaterThan(firstOf(r, 'vcpu0', 've.clear_bit').step);
    // It faults again into slot 0 and parks; the stale wake-up makes it park again.
    const parks = waits.filter((e) => e.detail.parked === true);
    expect(parks).toHaveLength(2);
    expect(parks.every((e) => e.detail.idx === 0)).toBe(true);
    const wakes = eventsOf(r, 'vcpu0', 'gc.wake');
    expect(wakes).toHaveLength(2);
    expect(wakes[0]!.step).toBeGreaterThan(parks[0]!.step);
    expect(wakes[0]!.step).toBeLessThan(parks[1]!.step);
    expect(between(r.events, wakes[0]!.step, parks[1]!.step, 'vcpu0')).toEqual([]);
    expect(waits.at(-1)!.detail).toMatchObject({ parked: false, state: 'RESOLVED' });
    expect(eventsOf(r, 'host', 'host.page_in')).toHaveLength(2);
  });
});

describe('preset metadata', () => {
  it.each(presetNames())('%s has a title, a description and captions within its run', (name) => {
    const scenario = loadPreset(name);
    expect(scenario.title?.trim()).toBeTruthy();
    expect(scenario.description?.trim()).toBeTruthy();
    expect(scenario.narration?.length ?? 0).toBeGreaterThan(0);
    const r = run(scenario);
    const ats = scenario.narration!.map((c) => c.at);
    expect([...ats].sort((a, b) => a - b)).toEqual(ats);
    for (const c of scenario.narration!) {
      expect(c.text.trim()).toBeTruthy();
      expect(c.at).toBeGreaterThanOrEqual(0);
      expect(c.at).toBeLessThan(Math.max(r.steps, 1));
    }
  });
});
