/**
 * A deep copy of the machine state, for history checkpoints and the explorer's hot loop. Every
 * object is built as an explicit literal with its fields in declaration order: one hidden class per
 * type and no object spread (what made the first, spread-based version slow). TypeScript checks
 * that no field of a type is missing (object literals must be complete).
 */
import type {
  Frame,
  Injection,
  PageState,
  Resolution,
  Slot,
  State,
  TaskState,
  VcpuState,
  VeFrame,
} from './state';

function copyInts(xs: number[]): number[] {
  const n = xs.length;
  if (n === 0) return [];
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = xs[i]!;
  return out;
}

function veFrame(f: VeFrame): VeFrame {
  return {
    kind: 've',
    pc: f.pc,
    pending: copyInts(f.pending),
    fault: f.fault,
    vp: f.vp,
    idx: f.idx,
    ownsSlot: f.ownsSlot,
    path: f.path,
    ownsFlag: f.ownsFlag,
    state: f.state,
    exit: f.exit,
    userRegs: f.userRegs,
    fixupable: f.fixupable,
    outerIf: f.outerIf,
    outerPreempt: f.outerPreempt,
    copied: f.copied,
  };
}

function frame(f: Frame): Frame {
  return f.kind === 've' ? veFrame(f) : { kind: 'gc', pc: f.pc, pending: copyInts(f.pending), info: f.info };
}

function slot(sl: Slot): Slot {
  return { state: sl.state, gpa: sl.gpa, wait: sl.wait };
}

function vcpu(v: VcpuState): VcpuState {
  const active = new Array<boolean>(v.active.length);
  for (let i = 0; i < active.length; i++) active[i] = v.active[i]!;
  const slots = new Array<Slot>(v.slots.length);
  for (let i = 0; i < slots.length; i++) slots[i] = slot(v.slots[i]!);
  const irq = new Array<Frame>(v.irq.length);
  for (let i = 0; i < irq.length; i++) irq[i] = frame(v.irq[i]!);
  return {
    busy: v.busy,
    veGpa: v.veGpa,
    infoUnsaved: v.infoUnsaved,
    veDue: v.veDue,
    active,
    slots,
    guestCurrent: v.guestCurrent,
    hostCurrent: v.hostCurrent,
    hostCurrentUnread: v.hostCurrentUnread,
    current: v.current,
    irq,
    haltPending: copyInts(v.haltPending),
    woken: copyInts(v.woken),
    waiting: v.waiting,
    exit: v.exit ? { page: v.exit.page, res: v.exit.res } : null,
    smSuspended: v.smSuspended,
    idleTif: v.idleTif,
    dead: v.dead,
  };
}

function task(t: TaskState): TaskState {
  const frames = new Array<VeFrame>(t.frames.length);
  for (let i = 0; i < frames.length; i++) frames[i] = veFrame(t.frames[i]!);
  return {
    home: t.home,
    vcpu: t.vcpu,
    name: t.name,
    mode: t.mode,
    preemptible: t.preemptible,
    irqsOff: t.irqsOff,
    fixup: t.fixup,
    status: t.status,
    signal: t.signal,
    tif: t.tif,
    pending: copyInts(t.pending),
    frames,
    parkedVp: t.parkedVp,
    parkedIdx: t.parkedIdx,
  };
}

function page(p: PageState): PageState {
  return { backing: p.backing, latency: p.latency, suppressVe: p.suppressVe };
}

function resolution(r: Resolution): Resolution {
  return {
    id: r.id,
    kind: r.kind,
    vcpu: r.vcpu,
    idx: r.idx,
    page: r.page,
    startedAt: r.startedAt,
    readyAt: r.readyAt,
    finished: r.finished,
    result: r.result,
    age: r.age,
    phase: r.phase,
    read: r.read,
  };
}

function injection(j: Injection): Injection {
  return { id: j.id, vcpu: j.vcpu, idx: j.idx, queuedAt: j.queuedAt, phase: j.phase };
}

/** A deep copy sharing nothing mutable with `s` (violations are immutable records and are shared). */
export function cloneState(s: State): State {
  const vcpus = new Array<VcpuState>(s.vcpus.length);
  for (let i = 0; i < vcpus.length; i++) vcpus[i] = vcpu(s.vcpus[i]!);
  const tasks = new Array<TaskState>(s.tasks.length);
  for (let i = 0; i < tasks.length; i++) tasks[i] = task(s.tasks[i]!);
  const pages = new Array<PageState>(s.pages.length);
  for (let i = 0; i < pages.length; i++) pages[i] = page(s.pages[i]!);
  const resolutions = new Array<Resolution>(s.resolutions.length);
  for (let i = 0; i < resolutions.length; i++) resolutions[i] = resolution(s.resolutions[i]!);
  const injections = new Array<Injection>(s.injections.length);
  for (let i = 0; i < injections.length; i++) injections[i] = injection(s.injections[i]!);
  return {
    tick: s.tick,
    seq: s.seq,
    rng: s.rng,
    rrLast: s.rrLast,
    nextAction: s.nextAction,
    waiting: s.waiting,
    vcpus,
    tasks,
    pages,
    resolutions,
    injections,
    violations: s.violations.length === 0 ? [] : s.violations.slice(),
    outcome: s.outcome,
    message: s.message,
  };
}
