/**
 * The vCPU actor: one labelled line per step (protocol.md §2) — the hardware rule, the mail's
 * guest #VE handler, the guest completion, and the VM-exit wait KVM runs on the vCPU's thread.
 * Each `case` below is one line of the mail; read it beside the seed.
 */
import { gpaLabel, type Machine } from './machine';
import type { VcpuLabel } from './labels';
import type { Detail } from './detail';
import { BUSY_SET } from './snapshot';
import type { Frame, State, TaskState, VeFrame, VcpuState } from './state';
import { checkWakeups, taskName, terminate, violate } from './invariants';
import {
  framePreemptible,
  frameIf,
  reschedule,
  switchAway,
  taskIf,
  taskPreemptible,
  topContext,
  topFrame,
  wake,
} from './vcpu';
import { startResolution } from './host';

/** `this_cpu_ptr(&ve_page)` of the vCPU a frame runs on is `s.vcpus[vi]`; `vp` may name another after migration. */
function page(s: State, vp: number): VcpuState {
  return s.vcpus[vp]!;
}

/** TIF_IN_VE of the thread a handler on this vCPU runs in: the current task, or idle. */
function getTif(s: State, v: VcpuState): boolean {
  return v.current >= 0 ? s.tasks[v.current]!.tif : v.idleTif;
}

function setTif(s: State, v: VcpuState, on: boolean): void {
  if (v.current >= 0) s.tasks[v.current]!.tif = on;
  else v.idleTif = on;
}

/** Frames stack: interrupt-level frames sit on top of the current task's frames. */
function pushFrame(s: State, v: VcpuState, f: Frame): void {
  if (v.irq.length > 0 || v.current < 0) v.irq.push(f);
  else s.tasks[v.current]!.frames.push(f as VeFrame);
}

function popFrame(s: State, v: VcpuState): void {
  if (v.irq.length > 0) v.irq.pop();
  else s.tasks[v.current]!.frames.pop();
}

/** The task a frame belongs to (for messages): the current task, or "idle". */
function currentName(m: Machine, s: State, v: VcpuState): string {
  if (v.current < 0) return 'idle';
  const t = s.tasks[v.current]!;
  return taskName(m, t.home, t.name);
}

/** Kill a task by SIGBUS: it leaves the CPU for good. */
function killTask(s: State, vi: number, t: number): void {
  const task: TaskState = s.tasks[t]!;
  task.status = 'killed';
  task.pending.length = 0;
  task.frames.length = 0;
  switchAway(s, vi, t);
}

/** Executes the vCPU's next line. Returns the event detail. */
export function stepVcpu(m: Machine, s: State, vi: number, label: VcpuLabel): Detail {
  const v = s.vcpus[vi]!;
  switch (label) {
    case 'hw.access':
      return access(m, s, vi, v);
    case 'hw.ve':
      return deliverVe(m, s, vi, v);
    case 'vmexit.wait': {
      // KVM handles the EPT-violation exit on the vCPU's thread: start bringing the page in.
      const exit = v.exit!;
      exit.res = startResolution(m, s, 'vmexit', vi, -1, exit.page);
      return { gpa: gpaLabel(m, exit.page) };
    }
    case 'gc.info':
    case 'gc.wake':
      return completion(m, s, vi, v, label);
    default:
      return handler(m, s, vi, v, topFrame(s, v) as VeFrame, label);
  }
}

/** `hw.access`: hit, #VE or EPT-violation VM exit, by the hardware rule of protocol.md §1. */
function access(m: Machine, s: State, vi: number, v: VcpuState): Detail {
  const ctx = topContext(s, v);
  const pending = ctx.kind === 'frame' ? ctx.frame.pending : ctx.kind === 'task' ? ctx.task.pending : [];
  const p = pending[0]!;
  const pg = s.pages[p]!;
  const gpa = gpaLabel(m, p);
  if (pg.backing === 'present') {
    pending.shift();
    return { gpa, result: 'hit' };
  }
  if (!pg.suppressVe && v.busy === 0) {
    // The CPU delivers the #VE at hw.ve, the vCPU's next step; the handler exists from then on.
    pending.shift();
    v.veDue = p;
    return { gpa, result: 've' };
  }
  // busy set or suppress-#VE: an ordinary VM exit; the access stays pending and runs again.
  v.exit = { page: p, res: -1 };
  return { gpa, result: 'vmexit', reason: pg.suppressVe ? 'suppress-#VE' : 'busy' };
}

/**
 * `hw.ve`: the CPU fills the VE information area, sets the busy word and enters the handler. Its
 * `regs` are those of the context it interrupts, as they are now (rule 6.1).
 */
function deliverVe(m: Machine, s: State, vi: number, v: VcpuState): Detail {
  const fault = v.veDue;
  v.veDue = -1;
  if (v.infoUnsaved)
    violate(
      s,
      've-info-saved',
      `vCPU ${vi}: a #VE for ${gpaLabel(m, fault)} overwrote VE info (${gpaLabel(m, v.veGpa)}) no handler had copied yet`,
    );
  v.veGpa = fault;
  v.infoUnsaved = true;
  v.busy = BUSY_SET;
  const ctx = topContext(s, v);
  const task = ctx.kind === 'task' ? ctx.task : null;
  pushFrame(s, v, {
    kind: 've',
    pc: 've.vp',
    pending: [],
    fault,
    vp: -1,
    idx: -1,
    ownsSlot: false,
    path: 'none',
    ownsFlag: false,
    state: 'NONE',
    exit: 'retry',
    userRegs: task !== null && task.mode === 'user',
    fixupable: ctx.kind === 'frame' ? v.current >= 0 : task !== null && task.mode === 'kernel',
    outerIf: ctx.kind === 'frame' ? frameIf(ctx.frame) : task !== null && taskIf(task),
    outerPreempt: ctx.kind === 'frame' ? framePreemptible(ctx.frame) : task !== null && taskPreemptible(task),
    copied: false,
  });
  return { gpa: gpaLabel(m, fault) };
}

function completion(m: Machine, s: State, vi: number, v: VcpuState, label: 'gc.info' | 'gc.wake'): Detail {
  const f = v.irq[v.irq.length - 1] as Extract<Frame, { kind: 'gc' }>;
  if (label === 'gc.info') {
    // info = vp->info + vp->host_current;
    f.info = v.hostCurrent;
    v.hostCurrentUnread = false;
    f.pc = 'gc.wake';
    checkWakeups(m, s);
    return { idx: f.info };
  }
  // rcuwait_wake_up(&info->wait); return from the interrupt
  const waiter = v.slots[f.info]!.wait;
  const woke = waiter >= 0 && s.tasks[waiter]!.status === 'parked';
  v.irq.pop();
  if (woke) wake(m, s, waiter);
  reschedule(s, vi);
  checkWakeups(m, s);
  const t = waiter >= 0 ? s.tasks[waiter]! : null;
  return { idx: f.info, woke: woke && t ? taskName(m, t.home, t.name) : null };
}

/** The guest #VE handler of the mail, one line per step. */
function handler(m: Machine, s: State, vi: number, v: VcpuState, f: VeFrame, label: VcpuLabel): Detail {
  const variant = m.variant;
  const vp = f.vp >= 0 ? page(s, f.vp) : v;
  switch (label) {
    case 've.vp':
      // vp = this_cpu_ptr(&ve_page);
      f.vp = vi;
      f.pc = variant.reentrancyClear === 'at-entry' ? 've.clear_entry' : 've.find';
      return { vp: vi };
    case 've.clear_entry':
      // (variant) ve_hwinfo.reentrancy_protect = 0 before the info is saved
      v.busy = 0;
      f.pc = 've.find';
      return {};
    case 've.find': {
      // idx = find_first_zero_bit(vp->active, N_ENTRIES);
      const free = vp.active.indexOf(false);
      f.idx = free < 0 ? m.entries : free;
      f.pc = 've.bug_on';
      return { idx: f.idx };
    }
    case 've.bug_on':
      // BUG_ON(idx >= N_ENTRIES);
      if (f.idx >= m.entries) {
        const msg = `BUG_ON(idx >= N_ENTRIES): vCPU ${vi} took a #VE with all ${m.entries} bits of active set`;
        violate(s, 'no-bug', msg);
        terminate(s, 'bug', msg);
        return { idx: f.idx, fired: true };
      }
      f.pc = 've.set_bit';
      return { idx: f.idx, fired: false };
    case 've.set_bit':
      // set_bit(idx, vp->active); info = vp->info + idx;
      if (vp.active[f.idx])
        violate(s, 'slot-owner', `vCPU ${f.vp}: two #VE frames own info[${f.idx}] (set_bit on a set bit)`);
      vp.active[f.idx] = true;
      f.ownsSlot = true;
      f.pc = 've.copy';
      return { idx: f.idx };
    case 've.copy':
      // copy_ve_info(&info->hw_info, ve_hwinfo);  — the handler may enable IRQs after this (rule 6.6)
      vp.slots[f.idx]!.gpa = v.veGpa;
      v.infoUnsaved = false;
      f.copied = true;
      f.pc = 've.guest_current';
      return { idx: f.idx, gpa: gpaLabel(m, v.veGpa) };
    case 've.guest_current':
      // vp->guest_current = idx;
      vp.guestCurrent = f.idx;
      f.pc = 've.decide';
      return { idx: f.idx };
    case 've.decide': {
      // if (test_and_set_thread_flag(TIF_IN_VE) || bitmap_full(vp->active, N_ENTRIES)) can_continue = false;
      // else can_continue = user_mode(regs) || preemptible();
      const tifWasSet = getTif(s, v);
      setTif(s, v, true);
      f.ownsFlag = !tifWasSet;
      const full = variant.bitmapFullCheck && vp.active.indexOf(false) < 0;
      const canContinue = !tifWasSet && !full && (f.userRegs || f.outerPreempt);
      f.path = canContinue ? 'CAN_CONTINUE' : 'SUSPEND_ME';
      f.pc = canContinue ? 've.cc.state' : 've.sm.state';
      return { tifWasSet, full, userMode: f.userRegs, preemptible: f.outerPreempt, canContinue };
    }
    case 've.cc.state':
      // info->state = CAN_CONTINUE;
      vp.slots[f.idx]!.state = 'CAN_CONTINUE';
      f.pc = 've.cc.hypercall';
      return { idx: f.idx };
    case 've.cc.hypercall':
    case 've.sm.hypercall': {
      // hypercall_ve(); the host reads vp->guest_current and info[guest_current] (rule 6.10)
      const idx = v.guestCurrent;
      startResolution(m, s, 'hypercall', vi, idx, v.slots[idx]!.gpa);
      if (label === 've.sm.hypercall') {
        v.smSuspended = true; // the host keeps the vCPU out of the guest until resume_vcpu()
        f.pc =
          variant.reentrancyClear === 'at-entry' || variant.smClear === 'after-release'
            ? 've.read'
            : 've.sm.clear';
      } else {
        f.pc = variant.reentrancyClear === 'at-entry' ? 've.cc.wait' : 've.cc.clear';
      }
      return { idx, gpa: gpaLabel(m, v.slots[idx]!.gpa) };
    }
    case 've.cc.clear':
    case 've.sm.clear':
      // ve_hwinfo.reentrancy_protect = 0;
      v.busy = 0;
      if (label === 've.cc.clear') f.pc = 've.cc.wait';
      else f.pc = variant.smClear === 'after-release' ? 've.switch' : 've.read';
      return {};
    case 've.cc.wait':
      return ccWait(m, s, vi, v, vp, f);
    case 've.sm.state':
      // info->state = SUSPEND_ME;
      vp.slots[f.idx]!.state = 'SUSPEND_ME';
      f.pc = 've.sm.hypercall';
      return { idx: f.idx };
    case 've.read':
      // state = info->state;
      f.state = vp.slots[f.idx]!.state;
      f.pc = 've.none';
      return { idx: f.idx, state: f.state };
    case 've.none':
      // info->state = NONE;
      vp.slots[f.idx]!.state = 'NONE';
      f.pc = 've.clear_bit';
      return { idx: f.idx };
    case 've.clear_bit':
      // clear_bit(idx, vp->active);
      if (!vp.active[f.idx])
        violate(s, 'slot-owner', `vCPU ${f.vp}: info[${f.idx}] released although its active bit was clear`);
      vp.active[f.idx] = false;
      f.ownsSlot = false;
      f.pc =
        f.path === 'SUSPEND_ME' &&
        variant.smClear === 'after-release' &&
        variant.reentrancyClear !== 'at-entry'
          ? 've.sm.clear'
          : 've.switch';
      return { idx: f.idx };
    case 've.switch':
      return veSwitch(m, s, v, f);
    case 've.clear_flag':
      return clearFlag(m, s, vi, v, f);
    default:
      return {};
  }
}

/** rcuwait_wait_event(&info->wait, info->state != CAN_CONTINUE, TASK_IDLE); */
function ccWait(m: Machine, s: State, vi: number, v: VcpuState, vp: VcpuState, f: VeFrame): Detail {
  const slot = vp.slots[f.idx]!;
  if (slot.state !== 'CAN_CONTINUE') {
    slot.wait = -1; // finish_rcuwait()
    f.pc = 've.read';
    return { idx: f.idx, parked: false, state: slot.state };
  }
  const t = v.current;
  const task = s.tasks[t]!;
  if (task.frames.length > 1)
    violate(
      s,
      'no-nested-wait',
      `task ${taskName(m, task.home, task.name)} waits in ve.cc.wait with ${task.frames.length - 1} other #VE frame(s) of its own open beneath`,
    );
  slot.wait = t;
  task.status = 'parked';
  task.parkedVp = f.vp;
  task.parkedIdx = f.idx;
  switchAway(s, vi, t);
  checkWakeups(m, s);
  return { idx: f.idx, parked: true, task: taskName(m, task.home, task.name) };
}

/** switch (state) { case RESOLVED: … case FAIL: … default: panic("Confused"); } */
function veSwitch(m: Machine, s: State, v: VcpuState, f: VeFrame): Detail {
  f.pc = 've.clear_flag';
  if (f.state === 'RESOLVED') {
    f.exit = 'retry';
    return { state: f.state, action: 'retry' };
  }
  if (f.state === 'FAIL') {
    if (f.userRegs) {
      // send_signal(SIGBUS)
      s.tasks[v.current]!.signal = 'SIGBUS';
      f.exit = 'sigbus';
      return { state: f.state, action: 'SIGBUS' };
    }
    // Kernel-mode regs (a nested #VE's too): fixup_exception() consults the running task's
    // `fixup` now, so a set-task while the handler runs counts (rule 6.1 samples only user mode,
    // IF and preemptibility at hw.ve); like the other task fields it acts in kernel mode only
    // (6.16). The idle task has no fixup.
    const task = f.fixupable && v.current >= 0 ? s.tasks[v.current]! : null;
    if (task !== null && task.mode === 'kernel' && task.fixup) {
      f.exit = 'fixup';
      return { state: f.state, action: 'fixup' };
    }
    terminate(
      s,
      'panic',
      `panic("I'm toast"): ${currentName(m, s, v)} got FAIL for ${gpaLabel(m, f.fault)} in kernel mode and fixup_exception() found no fixup`,
    );
    return { state: f.state, action: 'panic' };
  }
  terminate(s, 'panic', `panic("Confused"): info[${f.idx}].state was ${f.state} when the handler read it`);
  return { state: f.state, action: 'panic' };
}

/** clear_thread_flag(TIF_IN_VE); return from the exception. */
function clearFlag(m: Machine, s: State, vi: number, v: VcpuState, f: VeFrame): Detail {
  const cleared = m.variant.tifInVeClear === 'always' || f.ownsFlag;
  if (cleared) setTif(s, v, false);
  popFrame(s, v);
  if (f.exit === 'sigbus') {
    const t = v.current;
    const name = taskName(m, s.tasks[t]!.home, s.tasks[t]!.name);
    killTask(s, vi, t);
    reschedule(s, vi);
    return { cleared, exit: 'SIGBUS', killed: name };
  }
  if (f.exit === 'retry') {
    // Returning re-executes the faulting access in the interrupted context.
    const ctx = topContext(s, v);
    if (ctx.kind === 'frame') ctx.frame.pending.unshift(f.fault);
    else if (ctx.kind === 'task') ctx.task.pending.unshift(f.fault);
    else v.haltPending.unshift(f.fault);
  }
  reschedule(s, vi);
  return { cleared, exit: f.exit };
}
