/**
 * The scenario as the engine reads it (scenario.md, format v1), with every default filled in.
 * `src/share/` parses and validates JSON into this shape; the engine never sees raw input.
 */

export type Backing = 'present' | 'swapped' | 'lost';
export type TaskMode = 'user' | 'kernel';
export type SchedulerKind = 'round-robin' | 'random' | 'manual';
export type Timing = 'latency' | 'free';

/** Protocol variant switches of protocol.md §3; `{}` (all defaults) is the mail as written. */
export interface Variant {
  injectWhen: 'if1' | 'always';
  reentrancyClear: 'after-hypercall' | 'at-entry';
  bitmapFullCheck: boolean;
  migrateOnWake: boolean;
  tifInVeClear: 'always' | 'owner';
  smClear: 'after-hypercall' | 'after-release';
}

export const DEFAULT_VARIANT: Variant = {
  injectWhen: 'if1',
  reentrancyClear: 'after-hypercall',
  bitmapFullCheck: true,
  migrateOnWake: false,
  tifInVeClear: 'always',
  smClear: 'after-hypercall',
};

export interface TaskConfig {
  name: string;
  mode: TaskMode;
  /** Stored for every task; acts in kernel mode only (a user task always runs preemptible). */
  preemptible: boolean;
  irqsOff: boolean;
  fixup: boolean;
}

export interface VcpuConfig {
  tasks: TaskConfig[];
}

export interface PageConfig {
  /** As written in the scenario (e.g. "0x2000"); compared by value. */
  gpa: string;
  backing: Backing;
  /** Ticks a page-in takes; default 10 for swapped, 0 for lost. */
  latency: number;
  suppressVe: boolean;
}

export interface AccessAction {
  at: number;
  type: 'access';
  vcpu: number;
  gpa: string;
}

export interface SetTaskAction {
  at: number;
  type: 'set-task';
  vcpu: number;
  task: string;
  mode?: TaskMode;
  preemptible?: boolean;
  irqsOff?: boolean;
  fixup?: boolean;
}

export interface SetPageAction {
  at: number;
  type: 'set-page';
  gpa: string;
  backing?: Backing;
  latency?: number;
  suppressVe?: boolean;
}

export interface PickAction {
  at: number;
  type: 'pick';
  /** "vcpu<i>" or "host" */
  actor: string;
  /** Only with timing "free": finish the oldest page-in in flight for this gpa. */
  pageIn?: string;
}

export type Action = AccessAction | SetTaskAction | SetPageAction | PickAction;

export interface ExploreAccess {
  vcpu: number;
  gpa: string;
  times: number;
}

export interface ExploreBlock {
  accesses: ExploreAccess[];
  maxStates: number;
}

export interface NarrationCaption {
  at: number;
  text: string;
}

export interface ScenarioConfig {
  entries: number;
  seed: number;
  scheduler: SchedulerKind;
  timing: Timing;
  variant: Variant;
  vcpus: VcpuConfig[];
  pages: PageConfig[];
}

export interface Scenario {
  format: 've-playground/scenario';
  version: 1;
  title?: string;
  description?: string;
  narration?: NarrationCaption[];
  config: ScenarioConfig;
  actions: Action[];
  explore?: ExploreBlock;
}

/** Parses "0x2000" (validated by src/share) to a number; gpas are below 2^52 (MAXPHYADDR). */
export function gpaValue(gpa: string): number {
  return parseInt(gpa.slice(2), 16);
}

/** The canonical spelling of a gpa, for messages and events: lower-case hex, no padding. */
export function gpaText(value: number): string {
  return '0x' + value.toString(16);
}
