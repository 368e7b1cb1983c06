/**
 * The reference model's machine: plain data for protocol.md revision 2, written from the spec
 * alone (clean room: nothing here is taken from src/engine beyond the scenario and report shapes).
 */
import type { Backing, Scenario, TaskMode } from '../../src/engine/scenario';
import type { SlotStateName } from '../../src/engine/snapshot';

/** A task: its task-level context is the task itself (accesses bound at task level queue here). */
export interface RTask {
  order: number;
  home: number;
  name: string;
  mode: TaskMode;
  preemptible: boolean;
  irqsOff: boolean;
  fixup: boolean;
  vcpu: number;
  status: 'running' | 'runnable' | 'parked' | 'killed';
  signal: null | 'SIGBUS';
  tif: boolean;
  /** #VE frames open on the task, bottom to top; a parking task takes them along. */
  frames: RVeFrame[];
  pending: number[];
  parkedOn: { vcpu: number; idx: number } | null;
  kind: 'task';
}

export interface RVeFrame {
  kind: 've';
  /** Frame nested in a completion handler (lives on the vCPU, not the task). */
  inIrq: boolean;
  task: RTask | null;
  lines: string[];
  pc: number;
  pending: number[];
  /** The faulting gpa: retried after RESOLVED. */
  gpa: number;
  user: boolean;
  ifAt: boolean;
  preemptAt: boolean;
  copied: boolean;
  vp: number;
  idx: number;
  owns: boolean;
  owner: boolean;
  read: SlotStateName | null;
  outcome: 'ok' | 'sigbus' | 'efault' | null;
}

export interface RCompFrame {
  kind: 'gc';
  pc: 'gc.info' | 'gc.wake';
  pending: number[];
  info: number | null;
}

export type RCtx = RTask | RVeFrame | RCompFrame;

export interface RSlot {
  state: SlotStateName;
  gpa: number | null;
  wait: RTask | null;
}

export interface RVcpu {
  index: number;
  busy: number;
  veGpa: number;
  infoUnsaved: boolean;
  active: boolean[];
  slots: RSlot[];
  guestCurrent: number;
  hostCurrent: number;
  hostCurrentUnread: boolean;
  current: RTask | null;
  irq: (RVeFrame | RCompFrame)[];
  haltPending: number[];
  woken: RTask[];
  suspended: boolean;
  exit: { ctx: RCtx; gpa: number; phase: 'wait' | 'waiting' } | null;
  delivery: { ctx: RCtx; gpa: number } | null;
  dead: boolean;
  idleTif: { tif: boolean };
}

export interface RPage {
  gpa: number;
  backing: Backing;
  latency: number;
  suppressVe: boolean;
}

export interface RResolution {
  kind: 'hypercall' | 'vmexit';
  created: number;
  vcpu: number;
  idx: number;
  gpa: number;
  readyAt: number | null;
  finished: boolean;
  age: number;
  result: 'RESOLVED' | 'FAIL' | null;
  phase: 0 | 1 | 2;
  read: SlotStateName | null;
}

export interface RInjection {
  kind: 'inj';
  created: number;
  vcpu: number;
  idx: number;
  age: number;
  phase: 0 | 1;
}

export interface RState {
  sc: Scenario;
  tick: number;
  vcpus: RVcpu[];
  tasks: RTask[];
  pages: Map<number, RPage>;
  resolutions: RResolution[];
  injections: RInjection[];
  created: number;
  rng: number;
  lastActor: number;
  outcome: string | null;
  message: string | null;
}

export function initial(sc: Scenario): RState {
  const n = sc.config.entries;
  const tasks: RTask[] = [];
  sc.config.vcpus.forEach((v, vi) =>
    v.tasks.forEach((t) =>
      tasks.push({
        order: tasks.length,
        home: vi,
        name: t.name,
        mode: t.mode,
        preemptible: t.preemptible,
        irqsOff: t.irqsOff,
        fixup: t.fixup,
        vcpu: vi,
        status: 'runnable',
        signal: null,
        tif: false,
        frames: [],
        pending: [],
        parkedOn: null,
        kind: 'task',
      }),
    ),
  );
  const vcpus: RVcpu[] = sc.config.vcpus.map((_, vi) => {
    const first = tasks.find((t) => t.home === vi) ?? null;
    if (first) first.status = 'running';
    return {
      index: vi,
      busy: 0,
      veGpa: 0,
      infoUnsaved: false,
      active: new Array<boolean>(n).fill(false),
      slots: Array.from({ length: n }, () => ({ state: 'NONE' as SlotStateName, gpa: null, wait: null })),
      guestCurrent: 0,
      hostCurrent: 0,
      hostCurrentUnread: false,
      current: first,
      irq: [],
      haltPending: [],
      woken: [],
      suspended: false,
      exit: null,
      delivery: null,
      dead: false,
      idleTif: { tif: false },
    };
  });
  const pages = new Map<number, RPage>();
  for (const p of sc.config.pages) {
    const gpa = parseInt(p.gpa.slice(2), 16);
    pages.set(gpa, { gpa, backing: p.backing, latency: p.latency, suppressVe: p.suppressVe });
  }
  return {
    sc,
    tick: 0,
    vcpus,
    tasks,
    pages,
    resolutions: [],
    injections: [],
    created: 0,
    rng: sc.config.seed >>> 0,
    lastActor: -1,
    outcome: null,
    message: null,
  };
}

/** The context on top of a vCPU (where an access binds), null when halted. */
export function topCtx(v: RVcpu): RCtx | null {
  if (v.irq.length > 0) return v.irq[v.irq.length - 1]!;
  const t = v.current;
  if (!t) return null;
  return t.frames.length > 0 ? t.frames[t.frames.length - 1]! : t;
}

/** IF of a context (rule 6.6). */
export function ifOf(c: RCtx): boolean {
  if (c.kind === 'task') return c.mode === 'user' || !c.irqsOff;
  if (c.kind === 've') return c.copied && c.ifAt;
  return false;
}

/** Preemptibility of a context (rule 6.6, 6.16). */
export function preemptOf(c: RCtx): boolean {
  if (c.kind === 'task') return c.mode === 'user' || (c.preemptible && !c.irqsOff);
  if (c.kind === 've') return c.copied && c.preemptAt;
  return false;
}

/** The vCPU is in guest mode and executes guest code (not exited, not suspended, not dead). */
export function inGuest(v: RVcpu): boolean {
  return !v.dead && !v.suspended && v.exit === null;
}

/** The current task is at task level with nothing nested on the vCPU. */
export function atTaskLevel(v: RVcpu): boolean {
  return (
    inGuest(v) &&
    v.delivery === null &&
    v.current !== null &&
    v.current.frames.length === 0 &&
    v.irq.length === 0
  );
}

export function halted(v: RVcpu): boolean {
  return inGuest(v) && v.delivery === null && v.current === null && v.irq.length === 0;
}
