/**
 * Each executed step in one plain sentence, derived from its trace event (label + detail), for
 * lecture captions and the screen-reader live region. The terse log form is ../code/describeEvent.
 *
 *   ve.cc.clear → "vCPU 0 cleared the reentrancy word: the next EPT violation on it can be a #VE again."
 */
import type { StepLabel, TraceEvent } from '../../engine';

type Detail = TraceEvent['detail'];

/** "vcpu0" → "vCPU 0"; "host" → "The host". */
export function actorWords(actor: string): string {
  const m = /^vcpu(\d+)$/.exec(actor);
  if (m) return `vCPU ${m[1]}`;
  if (actor === 'host') return 'The host';
  return actor;
}

function str(detail: Detail, key: string): string | null {
  const v = detail[key];
  return v === null || v === undefined || v === '' ? null : String(v);
}

function slot(detail: Detail): string {
  const idx = str(detail, 'idx');
  return idx === null ? 'its slot' : `info[${idx}]`;
}

function vcpuOf(detail: Detail, fallback: string): string {
  const v = str(detail, 'vcpu');
  return v === null ? fallback : `vCPU ${v}`;
}

function page(detail: Detail): string {
  return str(detail, 'gpa') ?? 'the page';
}

type Explainer = (who: string, d: Detail) => string;

const EXPLAIN: Record<StepLabel, Explainer> = {
  'hw.access': (who, d) => {
    const result = str(d, 'result');
    if (result === 'hit') return `${who} touched ${page(d)}: it is present, so nothing happens.`;
    if (result === 've') {
      return `${who} touched ${page(d)}, which is not present: the EPT violation becomes a #VE because the reentrancy word is 0.`;
    }
    if (result === 'vmexit') {
      const reason = str(d, 'reason');
      const why =
        reason === 'busy'
          ? 'the busy word (reentrancy_protect) was set, 0xFFFFFFFF, so the CPU may not deliver another #VE'
          : reason === 'suppress-#VE'
            ? "the page's EPT entry has suppress-#VE set, so the CPU never turns this violation into a #VE"
            : 'the CPU could not deliver a #VE';
      return `${who} touched ${page(d)}, which is not present, and left the guest on an EPT-violation VM exit: ${why}.`;
    }
    return `${who} touched ${page(d)}.`;
  },
  'hw.ve': (who, d) =>
    `The CPU delivered the #VE for ${page(d)} to ${who}: it filled in the VE information and set the reentrancy word to 0xFFFFFFFF, so no second #VE can overwrite it.`,
  've.vp': (who) => `${who}'s #VE handler looked up its own ve_page.`,
  've.clear_entry': (who) =>
    `${who}'s handler cleared the reentrancy word right at entry (a variant of the mail), before saving the VE information.`,
  've.find': (who, d) =>
    `${who}'s handler looked for a free slot in the active bitmap and found index ${str(d, 'idx') ?? '?'}.`,
  've.bug_on': (who, d) =>
    d.fired === true
      ? `${who}'s handler found no free slot (index ${str(d, 'idx') ?? '?'} is past the end): BUG_ON fires.`
      : `${who}'s handler checked BUG_ON(idx >= N_ENTRIES): index ${str(d, 'idx') ?? '?'} is in range.`,
  've.set_bit': (who, d) =>
    `${who}'s handler took ${slot(d)}: it set bit ${str(d, 'idx') ?? '?'} of the active bitmap.`,
  've.copy': (who, d) => `${who}'s handler copied the VE information for ${page(d)} into ${slot(d)}.`,
  've.guest_current': (who, d) =>
    `${who}'s handler set guest_current = ${str(d, 'idx') ?? '?'} for the hypercall.`,
  've.decide': (who, d) => {
    // The mail: if (test_and_set_thread_flag(TIF_IN_VE) || bitmap_full(...)) can_continue = false;
    //           else can_continue = user_mode(regs) || preemptible();
    if (d.canContinue === true) {
      const term =
        d.userMode === true
          ? 'user_mode(regs) is true: it faulted in user mode'
          : 'preemptible() is true: the kernel code it faulted in may sleep';
      return `${who}'s handler decided can_continue = true: TIF_IN_VE was clear, the bitmap is not full and ${term}. The task will park and the vCPU can run something else.`;
    }
    const why =
      d.tifWasSet === true
        ? 'test_and_set_thread_flag(TIF_IN_VE) found the flag already set — the task is inside a #VE already'
        : d.full === true
          ? 'bitmap_full() is true — no slot would be left for another fault'
          : 'neither user_mode(regs) nor preemptible() holds — the faulting code cannot sleep';
    return `${who}'s handler decided can_continue = false: ${why}. The vCPU will be suspended (SUSPEND_ME).`;
  },
  've.cc.state': (who, d) => `${who}'s handler wrote CAN_CONTINUE into ${slot(d)}.`,
  've.cc.hypercall': (who, d) =>
    `${who} made the hypercall: the host starts bringing ${page(d)} in and returns at once (CAN_CONTINUE).`,
  've.cc.clear': (who) =>
    `${who} cleared the reentrancy word: the next EPT violation on it can be a #VE again.`,
  've.cc.wait': (who, d) =>
    d.parked === true
      ? `${who}: task ${str(d, 'task') ?? '?'} parked on ${slot(d)} until the completion wakes it; the vCPU runs something else.`
      : `${who}: ${slot(d)} is already ${str(d, 'state') ?? 'done'}, so the task does not park and goes on.`,
  've.sm.state': (who, d) => `${who}'s handler wrote SUSPEND_ME into ${slot(d)}.`,
  've.sm.hypercall': (who, d) =>
    `${who} made the hypercall with SUSPEND_ME: the host suspends the vCPU until ${page(d)} is in.`,
  've.sm.clear': (who) =>
    `${who} cleared the reentrancy word after the suspend: the next EPT violation on it can be a #VE again.`,
  've.read': (who, d) => `${who}'s handler read ${slot(d)}: the page-in ended ${str(d, 'state') ?? '?'}.`,
  've.none': (who, d) => `${who}'s handler reset ${slot(d)} to NONE.`,
  've.clear_bit': (who, d) =>
    `${who}'s handler freed ${slot(d)}: bit ${str(d, 'idx') ?? '?'} of the active bitmap is clear again.`,
  've.switch': (who, d) => {
    const action = str(d, 'action');
    if (action === 'retry')
      return `${who}'s handler: the page is in, so the faulting access will be retried.`;
    if (action === 'fixup')
      return `${who}'s handler: the page cannot be provided; the kernel code's exception fixup takes over.`;
    if (action === 'panic')
      return `${who}'s handler: the page cannot be provided and kernel code has no fixup: the guest panics.`;
    if (action === 'SIGBUS')
      return `${who}'s handler: the page cannot be provided, so the user task gets SIGBUS.`;
    return `${who}'s handler acted on the result ${str(d, 'state') ?? ''}.`.replace(' .', '.');
  },
  've.clear_flag': (who, d) => {
    const killed = str(d, 'killed');
    const tail = killed ? `; task ${killed} is killed` : '';
    return d.cleared === true
      ? `${who}'s handler cleared TIF_IN_VE and returned${tail}.`
      : `${who}'s handler returned without clearing TIF_IN_VE${tail}.`;
  },
  'gc.info': (who, d) => `${who}'s completion handler read host_current and picked ${slot(d)}.`,
  'gc.wake': (who, d) => {
    const woke = str(d, 'woke');
    return woke
      ? `${who}'s completion handler woke task ${woke}, which waited on ${slot(d)}.`
      : `${who}'s completion handler found nobody waiting on ${slot(d)}.`;
  },
  'vmexit.wait': (who, d) =>
    `${who} left the guest on an EPT-violation VM exit and waits in the host for ${page(d)}.`,
  'hc.read': (who, d) =>
    `${who} finished a page-in and read ${slot(d)} of ${vcpuOf(d, 'the vCPU')}: ${str(d, 'state') ?? '?'}.`,
  'hc.write': (who, d) =>
    `${who} wrote ${str(d, 'state') ?? '?'} into ${slot(d)} of ${vcpuOf(d, 'the vCPU')}.`,
  'hc.switch': (who, d) => {
    const action = str(d, 'action');
    const vcpu = vcpuOf(d, 'the vCPU');
    if (action === 'resume_vcpu') return `${who} resumed the suspended ${vcpu}.`;
    if (action === 'queue_completion')
      return `${who} queued a completion for ${slot(d)} of ${vcpu}; it is injected once IF=1.`;
    if (action === 'kill_guest' || action === 'kill') return `${who} cannot continue: it kills the guest.`;
    return `${who} acted on ${slot(d)} of ${vcpu}${action ? ` (${action})` : ''}.`;
  },
  'inj.host_current': (who, d) =>
    `${who} set host_current = ${str(d, 'idx') ?? '?'} on ${vcpuOf(d, 'the vCPU')}'s ve_page.`,
  'inj.inject': (who, d) => `${who} injected the completion into ${vcpuOf(d, 'the vCPU')}.`,
  'vmexit.resolved': (who, d) =>
    str(d, 'result') === 'FAIL'
      ? `${who} could not bring ${page(d)} in for ${vcpuOf(d, 'the vCPU')}'s VM exit: the guest is killed.`
      : `${who} brought ${page(d)} in and re-entered ${vcpuOf(d, 'the vCPU')}, which retries the access.`,
  'host.page_in': (who, d) =>
    str(d, 'result') === 'FAIL'
      ? `${who} could not bring ${page(d)} in: the page-in failed.`
      : `${who} finished bringing ${page(d)} in.`,
};

/** One plain sentence for one executed step. */
export function explainEvent(event: TraceEvent): string {
  const who = actorWords(event.actor);
  const explain = EXPLAIN[event.kind];
  if (!explain) return `${who} executed ${event.kind}.`;
  const sentence = explain(who, event.detail ?? {});
  return sentence.startsWith('vCPU') ? sentence : sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The events of the last executed step before `step` (the one the user just watched). */
export function lastStepEvents(events: readonly TraceEvent[], step: number): TraceEvent[] {
  let last = -1;
  for (const e of events) if (e.step < step && e.step > last) last = e.step;
  return last < 0 ? [] : events.filter((e) => e.step === last);
}

/** What happened in the last step, in words; null at step 0 or when the trace has no event for it. */
export function explainStep(events: readonly TraceEvent[], step: number): string | null {
  const latest = lastStepEvents(events, step);
  if (latest.length === 0) return null;
  return latest.map(explainEvent).join(' ');
}
