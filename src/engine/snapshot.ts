/**
 * What views, the CLI report and tests read: a plain, serialisable picture of the machine after a
 * step. Derived from the engine state by `takeSnapshot`; never engine internals.
 */
import type { Backing, TaskMode } from './scenario';
import type { StepLabel } from './labels';

export type VcpuRunState = 'running' | 'in-ve-handler' | 'in-completion' | 'suspended' | 'halted' | 'dead';
export type SlotStateName = 'NONE' | 'CAN_CONTINUE' | 'SUSPEND_ME' | 'RESOLVED' | 'FAIL';
export type TaskStatus = 'running' | 'runnable' | 'parked' | 'killed';
export type Outcome = 'quiescent' | 'hung' | 'panic' | 'killed' | 'bug' | 'max-steps' | 'invalid';
export type InvariantName =
  've-info-saved' | 'slot-owner' | 'host-current-consumed' | 'no-lost-wakeup' | 'no-nested-wait' | 'no-bug';

export const INVARIANTS: readonly InvariantName[] = [
  've-info-saved',
  'slot-owner',
  'host-current-consumed',
  'no-lost-wakeup',
  'no-nested-wait',
  'no-bug',
];

/** Busy word value the CPU writes when it delivers a #VE. */
export const BUSY_SET = 0xffffffff;

export interface Violation {
  step: number;
  invariant: InvariantName;
  message: string;
}

export interface TraceEvent {
  step: number;
  /** "vcpu<i>" or "host" */
  actor: string;
  kind: StepLabel;
  detail: Record<string, string | number | boolean | null>;
}

/** `info[j]` of a ve_page. */
export interface SlotSnapshot {
  state: SlotStateName;
  /** guest_physical_address of the copied hw_info, null before any copy. */
  gpa: string | null;
  /** The task parked on `info->wait` ("vcpu<i>/name" when there are several vCPUs), or null. */
  wait: string | null;
}

/** The per-vCPU VE information area (SDM layout, protocol.md §1). */
export interface VeInfoSnapshot {
  exitReason: number;
  /** The mail's `reentrancy_protect`: 0 or 0xFFFFFFFF. */
  busy: number;
  exitQualification: number;
  guestLinearAddress: string;
  guestPhysicalAddress: string;
  eptpIndex: number;
}

/** One open context on a vCPU, bottom to top. */
export interface FrameSnapshot {
  kind: 'task' | 've' | 'completion' | 'idle';
  /** Task level: the task's name; handler frames: the task (or "idle") they interrupted. */
  task: string | null;
  /** Label this context executes next (a pending access shows as "hw.access"), null if none. */
  next: StepLabel | null;
  /** #VE frame: slot index once found (may be >= entries when BUG_ON fires); completion: info read. */
  idx: number | null;
  /** #VE frame: the faulting gpa it handles. */
  gpa: string | null;
  /** Accesses bound to this context and not yet executed, oldest first. */
  pending: string[];
  /** #VE frame: CAN_CONTINUE or SUSPEND_ME once decided. */
  path: 'CAN_CONTINUE' | 'SUSPEND_ME' | null;
  /** IF of this context (true = interrupts enabled). */
  ifOn: boolean;
}

export interface VcpuSnapshot {
  index: number;
  state: VcpuRunState;
  busy: number;
  active: boolean[];
  guestCurrent: number;
  hostCurrent: number;
  slots: SlotSnapshot[];
  veInfo: VeInfoSnapshot;
  /** Name of the task on this vCPU, null when halted. */
  currentTask: string | null;
  /** Open contexts, bottom (task level / idle) to top. */
  frames: FrameSnapshot[];
  /** What this vCPU executes next, null when it cannot step. */
  next: StepLabel | null;
  /** Why it cannot step (when next is null), in words. */
  blocked: string | null;
  /** IF of the context on top. */
  ifOn: boolean;
  /** Slot indices queued for completion injection to this vCPU, oldest first. */
  completionQueue: number[];
  /** Tasks woken and waiting to be scheduled here. */
  woken: string[];
  /** Accesses made while halted, waiting for the next task-level code. */
  haltPending: string[];
}

export interface TaskSnapshot {
  /** The vCPU the task is on now (differs from `home` only after a migrateOnWake). */
  vcpu: number;
  /** The vCPU it is declared on: its identity together with `name`. */
  home: number;
  name: string;
  mode: TaskMode;
  preemptible: boolean;
  irqsOff: boolean;
  fixup: boolean;
  status: TaskStatus;
  signal: null | 'SIGBUS';
  tifInVe: boolean;
  /** The slot it waits on while parked. */
  parkedOn: { vcpu: number; idx: number } | null;
  /** #VE handler frames open on this task. */
  veFrames: number;
}

export interface ResolutionSnapshot {
  id: number;
  kind: 'hypercall' | 'vmexit';
  vcpu: number;
  /** Slot (hypercall) or null (VM exit). */
  idx: number | null;
  gpa: string;
  startedAt: number;
  /** Tick the page-in is ready (latency timing), null in free timing. */
  readyAt: number | null;
  /** The page-in has finished; the host still has to complete it. */
  finished: boolean;
  result: 'RESOLVED' | 'FAIL' | null;
  /** The host line it executes next for this resolution once finished. */
  next: StepLabel | null;
}

export interface InjectionSnapshot {
  vcpu: number;
  idx: number;
  queuedAt: number;
  next: 'inj.host_current' | 'inj.inject';
  /** Whether the vCPU can take the interrupt now. */
  deliverable: boolean;
}

export interface PageSnapshot {
  gpa: string;
  backing: Backing;
  latency: number;
  suppressVe: boolean;
}

export interface HostSnapshot {
  next: StepLabel | null;
  resolutions: ResolutionSnapshot[];
  injections: InjectionSnapshot[];
}

export interface Snapshot {
  /** The current tick: the number of the next step. */
  step: number;
  vcpus: VcpuSnapshot[];
  tasks: TaskSnapshot[];
  pages: PageSnapshot[];
  host: HostSnapshot;
  /** Actors that can execute a step now ("vcpu0", …, "host"). */
  canStep: string[];
  violations: Violation[];
  /** Set once the run has stopped (or "max-steps" when stopped by a limit). */
  outcome: Outcome | null;
  message: string | null;
}

export interface Report {
  outcome: Outcome;
  steps: number;
  message?: string;
  final?: Snapshot;
  events?: TraceEvent[];
  violations: Violation[];
}
