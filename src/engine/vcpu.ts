/**
 * A vCPU's contexts and the guest scheduler (protocol.md §1 and rules 6.1, 6.6, 6.8): which code
 * is on top, its IF and preemptible(), parking, waking and switching tasks.
 */
import type { Machine } from './machine';
import type { Frame, State, TaskState, VcpuState } from './state';
import type { VcpuLabel } from './labels';

/** The context on top of a vCPU: a handler frame, a task's own code, or idle (halted). */
export type Context = { kind: 'frame'; frame: Frame } | { kind: 'task'; task: TaskState } | { kind: 'idle' };

const IDLE: Context = { kind: 'idle' };

export function topFrame(s: State, v: VcpuState): Frame | undefined {
  if (v.irq.length > 0) return v.irq[v.irq.length - 1];
  if (v.current < 0) return undefined;
  const frames = s.tasks[v.current]!.frames;
  return frames[frames.length - 1];
}

export function topContext(s: State, v: VcpuState): Context {
  const f = topFrame(s, v);
  if (f) return { kind: 'frame', frame: f };
  return v.current < 0 ? IDLE : { kind: 'task', task: s.tasks[v.current]! };
}

/** IF of a handler frame: 0 until the VE info is saved, then the interrupted context's (rule 6.6). */
export function frameIf(f: Frame): boolean {
  return f.kind === 've' && f.copied && f.outerIf;
}

export function framePreemptible(f: Frame): boolean {
  return f.kind === 've' && f.copied && f.outerPreempt;
}

/** IF of a task's own code: `irqsOff` takes effect in kernel mode only (rule 6.16). */
export function taskIf(t: TaskState): boolean {
  return t.mode === 'user' || !t.irqsOff;
}

/** preemptible() of a task's own code: a user task always runs preemptible (rule 6.16). */
export function taskPreemptible(t: TaskState): boolean {
  return t.mode === 'user' || (t.preemptible && !t.irqsOff);
}

/** IF of the code on top of the vCPU (halted = HLT with IF=1). */
export function topIf(s: State, v: VcpuState): boolean {
  const f = topFrame(s, v);
  if (f) return frameIf(f);
  return v.current < 0 || taskIf(s.tasks[v.current]!);
}

/** The vCPU executes guest code (not kept in the host by a VM exit or a SUSPEND_ME hypercall). */
export function inGuest(v: VcpuState): boolean {
  return !v.dead && v.exit === null && !v.smSuspended;
}

/** The label this vCPU executes next, or null if it cannot step. */
export function nextVcpuLabel(s: State, v: VcpuState): VcpuLabel | null {
  // Fast path: task code with nothing to do (most vCPUs, most ticks).
  if (v.irq.length === 0 && v.current >= 0 && v.exit === null && v.veDue < 0 && !v.smSuspended && !v.dead) {
    const t = s.tasks[v.current]!;
    if (t.frames.length === 0) return t.pending.length > 0 ? 'hw.access' : null;
  }
  if (v.dead) return null;
  if (v.exit) return v.exit.res < 0 ? 'vmexit.wait' : null;
  if (v.smSuspended) return null;
  // #VE delivery is atomic (rule 6.2): after hw.access decided on it, hw.ve comes next.
  if (v.veDue >= 0) return 'hw.ve';
  const f = topFrame(s, v);
  if (f) return f.pending.length > 0 ? 'hw.access' : f.pc;
  if (v.current >= 0 && s.tasks[v.current]!.pending.length > 0) return 'hw.access';
  return null;
}

/** Why a vCPU cannot step, in words (for the UI's disabled "run this" buttons). */
export function blockedReason(s: State, v: VcpuState): string | null {
  if (nextVcpuLabel(s, v) !== null) return null;
  if (v.dead) return 'dead';
  if (v.exit) return 'in the host: EPT-violation exit waits for its page';
  if (v.smSuspended) return 'in the host: suspended by SUSPEND_ME until resume_vcpu';
  if (v.current < 0) return 'halted (HLT, IF=1): no runnable task';
  return 'task code has no access to make';
}

function runTask(s: State, v: VcpuState, vi: number, t: number): void {
  const task = s.tasks[t]!;
  if (hasWork(task)) {
    v.waiting--;
    s.waiting--;
  }
  task.status = 'running';
  task.vcpu = vi;
  v.current = t;
  if (v.haltPending.length > 0) {
    task.pending.push(...v.haltPending);
    v.haltPending.length = 0;
  }
}

/**
 * The current task left the CPU (parked or killed): run a woken task, else the next runnable task
 * in declaration order after it (cyclic), else halt.
 */
export function switchAway(s: State, vi: number, from: number): void {
  const v = s.vcpus[vi]!;
  v.current = -1;
  const woken = v.woken.shift();
  if (woken !== undefined) return runTask(s, v, vi, woken);
  // Task indices follow declaration order; only tasks now on this vCPU count.
  const n = s.tasks.length;
  for (let k = 1; k <= n; k++) {
    const t = (from + k) % n;
    const task = s.tasks[t]!;
    if (task.vcpu === vi && task.status === 'runnable') return runTask(s, v, vi, t);
  }
}

/**
 * A woken task runs at once if its vCPU is halted or at task level in a preemptible task;
 * otherwise it waits until the vCPU gets there (rule 6.8). Called after every step that may
 * have made such a point.
 */
export function reschedule(s: State, vi: number): void {
  const v = s.vcpus[vi]!;
  if (v.woken.length === 0 || v.dead || v.irq.length > 0 || v.veDue >= 0 || !inGuest(v)) return;
  if (v.current >= 0) {
    const cur = s.tasks[v.current]!;
    if (cur.frames.length > 0 || !taskPreemptible(cur)) return;
    cur.status = 'runnable';
    // A preempted task keeps the accesses it has not made yet: it has work left (rule 6.8).
    if (cur.pending.length > 0) {
      v.waiting++;
      s.waiting++;
    }
  }
  runTask(s, v, vi, v.woken.shift()!);
}

/** A runnable task with work left: an access pending, or a #VE frame open (woken, handler not finished). */
function hasWork(t: TaskState): boolean {
  return t.status === 'runnable' && (t.pending.length > 0 || t.frames.length > 0);
}

/**
 * A task with nothing to do yields (rule 6.8), at the start of a tick after its actions: a current
 * task at task level (no frame open on it, nothing nested, no #VE being delivered) with no pending
 * access hands its vCPU to the first task of that vCPU with work left, in declaration order
 * (cyclic, after it). Not a step. Costs one counter test while nobody waits (`waiting`).
 * Returns whether a task was switched.
 */
export function yieldIdleTasks(s: State): boolean {
  if (s.waiting === 0) return false;
  let switched = false;
  const n = s.tasks.length;
  for (let vi = 0; vi < s.vcpus.length; vi++) {
    const v = s.vcpus[vi]!;
    if (v.waiting === 0 || v.current < 0 || v.irq.length > 0 || v.veDue >= 0 || !inGuest(v)) continue;
    const cur = s.tasks[v.current]!;
    if (cur.frames.length > 0 || cur.pending.length > 0) continue;
    for (let k = 1; k < n; k++) {
      const next = (v.current + k) % n;
      const cand = s.tasks[next]!;
      if (cand.vcpu !== vi || !hasWork(cand)) continue;
      cur.status = 'runnable';
      const w = v.woken.indexOf(next);
      if (w >= 0) v.woken.splice(w, 1);
      runTask(s, v, vi, next);
      // A task-level point in a preemptible task: a woken task runs at once there.
      reschedule(s, vi);
      switched = true;
      break;
    }
  }
  return switched;
}

/** Some runnable task has work left: a yield may happen at the start of the next tick. */
export function mayYield(s: State): boolean {
  return s.waiting > 0;
}

/** `rcuwait_wake_up`: make a parked task runnable, on its vCPU or (migrateOnWake) the next one. */
export function wake(m: Machine, s: State, t: number): void {
  const task = s.tasks[t]!;
  task.status = 'runnable';
  task.parkedVp = -1;
  task.parkedIdx = -1;
  // Migration takes along everything that is the task's own: frames and pending accesses (rule 6.17).
  if (m.variant.migrateOnWake && m.nVcpus > 1) task.vcpu = (task.vcpu + 1) % m.nVcpus;
  const v = s.vcpus[task.vcpu]!;
  // Its #VE frame is open: it has work left.
  v.waiting++;
  s.waiting++;
  v.woken.push(t);
  reschedule(s, task.vcpu);
}
