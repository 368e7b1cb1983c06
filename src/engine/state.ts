/**
 * The machine as one plain value (architecture.md principle 3): arrays and objects of numbers,
 * booleans and strings, no classes, no closures. Steps mutate it in place; `cloneState` copies it
 * for history and for the explorer.
 *
 * Pages are referred to by index into `State.pages` (declared pages first, then any other gpa a
 * scenario touches, which is present). `-1` means "no page" (a slot never filled).
 */
import type { Backing, TaskMode } from './scenario';
import type { Outcome, SlotStateName, Violation } from './snapshot';
import type { VeLabel } from './labels';

/** Next line of a #VE handler frame (the frame exists from `hw.ve` on, rule 6.1). */
export type VePc = VeLabel;

/** What the handler does on its way out (decided at `ve.switch`). */
export type VeExit = 'retry' | 'sigbus' | 'fixup';

/** A #VE handler invocation (the mail's handler, one per exception). */
export interface VeFrame {
  kind: 've';
  pc: VePc;
  /** Accesses bound to this context (page indices), run before its next line. */
  pending: number[];
  /** The faulting access, retried on RESOLVED. */
  fault: number;
  /** `vp` as captured at `ve.vp`: whose ve_page this frame uses (-1 before). */
  vp: number;
  /** `idx` from `ve.find` (-1 before). */
  idx: number;
  /** Between `ve.set_bit` and `ve.clear_bit`. */
  ownsSlot: boolean;
  path: 'none' | 'CAN_CONTINUE' | 'SUSPEND_ME';
  /** `test_and_set_thread_flag(TIF_IN_VE)` found the flag clear (for tifInVeClear "owner"). */
  ownsFlag: boolean;
  /** The local `state` read at `ve.read`. */
  state: SlotStateName;
  exit: VeExit;
  /** `user_mode(regs)`: the interrupted context was a user task's own code (sampled at `hw.ve`). */
  userRegs: boolean;
  /** Kernel-mode regs of a task (not the idle task): its `fixup` is looked up at `ve.switch`. */
  fixupable: boolean;
  /** IF and preemptible() of the interrupted context, inherited once the info is saved (rule 6.6). */
  outerIf: boolean;
  outerPreempt: boolean;
  /** `ve.copy` has run. */
  copied: boolean;
}

/** The guest completion handler (the notification vector's interrupt). */
export interface GcFrame {
  kind: 'gc';
  pc: 'gc.info' | 'gc.wake';
  pending: number[];
  /** The index read from `host_current` at `gc.info` (-1 before). */
  info: number;
}

export type Frame = VeFrame | GcFrame;

/** `info[j]` of a ve_page. */
export interface Slot {
  state: SlotStateName;
  /** guest_physical_address of the copied hw_info (page index, -1 = never copied). */
  gpa: number;
  /** `info->wait`: the waiting task (index into State.tasks), -1 when none. */
  wait: number;
}

export interface VcpuState {
  /** The VE information area's busy word (`reentrancy_protect`). */
  busy: number;
  /** guest_physical_address in the VE information area (page index, -1 = never written). */
  veGpa: number;
  /** The area holds a #VE's information that no handler has copied yet (ve-info-saved). */
  infoUnsaved: boolean;
  /**
   * The page of the #VE that `hw.access` decided on and `hw.ve` delivers next (-1 = none). Until
   * then no handler frame exists: the faulting context is still on top (rule 6.1).
   */
  veDue: number;
  // struct ve_page of this vCPU
  active: boolean[];
  slots: Slot[];
  guestCurrent: number;
  hostCurrent: number;
  /** host_current was written by the host and not yet read by `gc.info`. */
  hostCurrentUnread: boolean;
  /** The task on this vCPU (index into State.tasks), -1 = halted (idle). */
  current: number;
  /** Interrupt-level frames on top of the task: completion handlers and #VEs nested in them. */
  irq: Frame[];
  /** Accesses made while halted: they go to the next task-level code. */
  haltPending: number[];
  /** Woken tasks waiting to run here, first woken first. */
  woken: number[];
  /**
   * How many runnable tasks on this vCPU have work left (an access pending or a #VE frame open),
   * for rule 6.8's yield. Derived (it only saves a scan of the tasks), not part of the machine.
   */
  waiting: number;
  /** An EPT-violation VM exit: `res` is -1 until `vmexit.wait` has started the page-in. */
  exit: { page: number; res: number } | null;
  /** Kept out of the guest by a SUSPEND_ME hypercall until `resume_vcpu`. */
  smSuspended: boolean;
  /** TIF_IN_VE of the idle task (a completion handler interrupting HLT can take a #VE). */
  idleTif: boolean;
  dead: boolean;
}

export interface TaskState {
  /** Declared vCPU (identity with the name) and the vCPU it is on now (migrateOnWake). */
  home: number;
  vcpu: number;
  name: string;
  mode: TaskMode;
  preemptible: boolean;
  irqsOff: boolean;
  fixup: boolean;
  status: 'running' | 'runnable' | 'parked' | 'killed';
  signal: null | 'SIGBUS';
  /** TIF_IN_VE */
  tif: boolean;
  /** Accesses bound to the task's own code. */
  pending: number[];
  /** #VE handler frames open on this task (they go with it when it parks). */
  frames: VeFrame[];
  /** While parked: the ve_page and slot it waits on. */
  parkedVp: number;
  parkedIdx: number;
}

export interface PageState {
  backing: Backing;
  latency: number;
  suppressVe: boolean;
}

/** A page-in the host runs: for a hypercall (a slot) or for an EPT-violation VM exit. */
export interface Resolution {
  id: number;
  kind: 'hypercall' | 'vmexit';
  vcpu: number;
  /** Slot index (hypercall), -1 for a VM exit. */
  idx: number;
  page: number;
  startedAt: number;
  /** Latency timing: the tick the page-in finishes; -1 in free timing. */
  readyAt: number;
  finished: boolean;
  result: 'RESOLVED' | 'FAIL' | null;
  /** Age for the host's oldest-first order: the tick the page-in finished. */
  age: number;
  /** Host completion progress: 0 = `hc.read` next, 1 = `hc.write`, 2 = `hc.switch`. */
  phase: number;
  /** The `state` the host completion read. */
  read: SlotStateName;
}

/** A queued completion (`queue_completion(vcpu, idx)`). */
export interface Injection {
  id: number;
  vcpu: number;
  idx: number;
  queuedAt: number;
  /** 0 = `inj.host_current` next, 1 = `inj.inject`. */
  phase: number;
}

export interface State {
  tick: number;
  /** Creation counter: ids of resolutions and injections (ties in the host's order). */
  seq: number;
  /** Seeded PRNG state of the random scheduler. */
  rng: number;
  /** Index of the actor that stepped last (round robin); actors are vcpu0..n-1, then host. */
  rrLast: number;
  /** Index of the next scenario action to apply. */
  nextAction: number;
  /** The sum of the vCPUs' `waiting`: 0 on most ticks, when no yield can happen. Derived. */
  waiting: number;
  vcpus: VcpuState[];
  tasks: TaskState[];
  pages: PageState[];
  resolutions: Resolution[];
  injections: Injection[];
  violations: Violation[];
  outcome: Outcome | null;
  message: string | null;
}
