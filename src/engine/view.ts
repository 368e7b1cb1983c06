/** Builds the Snapshot views read (snapshot.ts) from the engine state. */
import { gpaLabel, type Machine } from './machine';
import type { FrameSnapshot, Snapshot, VcpuRunState, VcpuSnapshot } from './snapshot';
import type { Frame, State, TaskState, VcpuState } from './state';
import { blockedReason, frameIf, nextVcpuLabel, taskIf, topFrame, topIf } from './vcpu';
import { deliverable, nextHostLabel } from './host';
import { taskName } from './invariants';

const EXIT_REASON_EPT_VIOLATION = 48;
/** Data read, guest-linear address valid, translation of it (SDM Table 28-7). */
const QUALIFICATION_READ = 0x181;

function runState(s: State, v: VcpuState): VcpuRunState {
  if (v.dead) return 'dead';
  if (v.exit || v.smSuspended) return 'suspended';
  // hw.access decided on a #VE: the CPU is entering the handler (its frame exists from hw.ve on).
  if (v.veDue >= 0) return 'in-ve-handler';
  const f = topFrame(s, v);
  if (f) return f.kind === 've' ? 'in-ve-handler' : 'in-completion';
  return v.current < 0 ? 'halted' : 'running';
}

function frameView(m: Machine, f: Frame, owner: string | null): FrameSnapshot {
  const pending = f.pending.map((p) => gpaLabel(m, p));
  if (f.kind === 'gc')
    return {
      kind: 'completion',
      task: owner,
      next: pending.length ? 'hw.access' : f.pc,
      idx: f.info >= 0 ? f.info : null,
      gpa: null,
      pending,
      path: null,
      ifOn: false,
    };
  return {
    kind: 've',
    task: owner,
    next: pending.length ? 'hw.access' : f.pc,
    idx: f.idx >= 0 ? f.idx : null,
    gpa: gpaLabel(m, f.fault),
    pending,
    path: f.path === 'none' ? null : f.path,
    ifOn: frameIf(f),
  };
}

function framesOf(m: Machine, s: State, v: VcpuState): FrameSnapshot[] {
  const out: FrameSnapshot[] = [];
  let owner: string | null = 'idle';
  if (v.current >= 0) {
    const t: TaskState = s.tasks[v.current]!;
    owner = t.name;
    const pending = t.pending.map((p) => gpaLabel(m, p));
    out.push({
      kind: 'task',
      task: t.name,
      next: pending.length ? 'hw.access' : null,
      idx: null,
      gpa: null,
      pending,
      path: null,
      ifOn: taskIf(t),
    });
    for (const f of t.frames) out.push(frameView(m, f, owner));
  } else {
    out.push({
      kind: 'idle',
      task: null,
      next: null,
      idx: null,
      gpa: null,
      pending: v.haltPending.map((p) => gpaLabel(m, p)),
      path: null,
      ifOn: true,
    });
  }
  for (const f of v.irq) out.push(frameView(m, f, owner));
  return out;
}

export function takeSnapshot(m: Machine, s: State): Snapshot {
  const vcpus: VcpuSnapshot[] = s.vcpus.map((v, i) => ({
    index: i,
    state: runState(s, v),
    busy: v.busy,
    active: v.active.slice(),
    guestCurrent: v.guestCurrent,
    hostCurrent: v.hostCurrent,
    slots: v.slots.map((sl) => ({
      state: sl.state,
      gpa: sl.gpa >= 0 ? gpaLabel(m, sl.gpa) : null,
      wait: sl.wait >= 0 ? taskName(m, s.tasks[sl.wait]!.home, s.tasks[sl.wait]!.name) : null,
    })),
    veInfo: {
      exitReason: v.veGpa >= 0 ? EXIT_REASON_EPT_VIOLATION : 0,
      busy: v.busy,
      exitQualification: v.veGpa >= 0 ? QUALIFICATION_READ : 0,
      // The model maps guest-linear to guest-physical addresses one to one.
      guestLinearAddress: v.veGpa >= 0 ? gpaLabel(m, v.veGpa) : '0x0',
      guestPhysicalAddress: v.veGpa >= 0 ? gpaLabel(m, v.veGpa) : '0x0',
      eptpIndex: 0,
    },
    currentTask: v.current >= 0 ? s.tasks[v.current]!.name : null,
    frames: framesOf(m, s, v),
    next: nextVcpuLabel(s, v),
    blocked: blockedReason(s, v),
    ifOn: topIf(s, v),
    completionQueue: s.injections.filter((j) => j.vcpu === i).map((j) => j.idx),
    woken: v.woken.map((t) => s.tasks[t]!.name),
    haltPending: v.haltPending.map((p) => gpaLabel(m, p)),
  }));
  const canStep: string[] = [];
  vcpus.forEach((v, i) => v.next && canStep.push('vcpu' + i));
  const hostNext = s.outcome ? null : nextHostLabel(m, s);
  if (hostNext) canStep.push('host');
  return {
    step: s.tick,
    vcpus,
    tasks: s.tasks.map((t) => ({
      vcpu: t.vcpu,
      home: t.home,
      name: t.name,
      mode: t.mode,
      preemptible: t.preemptible,
      irqsOff: t.irqsOff,
      fixup: t.fixup,
      status: t.status,
      signal: t.signal,
      tifInVe: t.tif,
      parkedOn: t.status === 'parked' ? { vcpu: t.parkedVp, idx: t.parkedIdx } : null,
      veFrames: t.frames.length,
    })),
    pages: s.pages.slice(0, m.declaredPages).map((p, i) => ({ gpa: m.gpas[i]!, ...p })),
    host: {
      next: hostNext,
      resolutions: s.resolutions.map((r) => ({
        id: r.id,
        kind: r.kind,
        vcpu: r.vcpu,
        idx: r.idx >= 0 ? r.idx : null,
        gpa: gpaLabel(m, r.page),
        startedAt: r.startedAt,
        readyAt: r.readyAt >= 0 ? r.readyAt : null,
        finished: r.finished,
        result: r.result,
        next: !r.finished
          ? null
          : r.kind === 'vmexit'
            ? 'vmexit.resolved'
            : (['hc.read', 'hc.write', 'hc.switch'] as const)[r.phase]!,
      })),
      injections: s.injections.map((j) => ({
        vcpu: j.vcpu,
        idx: j.idx,
        queuedAt: j.queuedAt,
        next: j.phase === 0 ? 'inj.host_current' : 'inj.inject',
        deliverable: deliverable(m, s, j.vcpu),
      })),
    },
    canStep,
    violations: s.violations.slice(),
    outcome: s.outcome,
    message: s.message,
  };
}
