/** Part of the frozen "before" explorer of bench/explore.bench.ts (see before/explore.ts). */
/**
 * The explorer's frontier without objects: each state waiting to be expanded is packed, field by
 * field, into one growable Int32 arena per BFS level, and unpacked into a fresh State when its turn
 * comes. A packed state costs ~4 bytes per field (a few hundred bytes) instead of some thirty
 * small objects, and the garbage collector has nothing to trace in the frontier — on big machines
 * it was what bounded the rate. Unlike the canonical encoding (encode.ts), packing is lossless:
 * clocks, ids and counters are kept, so `unpack(pack(s))` is `s` (tests/explore/pack.test.ts).
 *
 * Only states that can be in a frontier are packed: no outcome, no recorded violation.
 */
import { VCPU_LABELS, type SlotStateName } from '../../src/engine';
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
  VePc,
} from '../../src/engine/state';

const PCS: readonly string[] = VCPU_LABELS;
const EMPTY = new Int32Array(0);
const SLOT_STATES: readonly SlotStateName[] = ['NONE', 'CAN_CONTINUE', 'SUSPEND_ME', 'RESOLVED', 'FAIL'];
const STATUSES: readonly TaskState['status'][] = ['running', 'runnable', 'parked', 'killed'];
const BACKINGS: readonly PageState['backing'][] = ['present', 'swapped', 'lost'];
const PATHS: readonly VeFrame['path'][] = ['none', 'CAN_CONTINUE', 'SUSPEND_ME'];
const EXITS: readonly VeFrame['exit'][] = ['retry', 'sigbus', 'fixup'];
const RESULTS: readonly Resolution['result'][] = [null, 'RESOLVED', 'FAIL'];

function code<T>(table: readonly T[], value: T): number {
  const i = table.indexOf(value);
  if (i < 0) throw new Error(`pack: unknown value ${String(value)}`);
  return i;
}

/** A growable Int32 arena: packed states one after the other, found by their start offsets. */
export class Arena {
  data = new Int32Array(1 << 12);
  len = 0;
  starts = new Int32Array(1 << 8);
  count = 0;

  reset(): void {
    this.len = 0;
    this.count = 0;
  }

  /** Bytes the arena holds (capacity), for the benchmark. */
  bytes(): number {
    return this.data.byteLength + this.starts.byteLength;
  }

  begin(): void {
    if (this.count === this.starts.length) {
      const s = new Int32Array(this.starts.length * 2);
      s.set(this.starts);
      this.starts = s;
    }
    this.starts[this.count++] = this.len;
  }

  push(v: number): void {
    if (this.len === this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.len++] = v;
  }
}

/** Packs and unpacks the States of one machine (task names come from a template state). */
export class Packer {
  private readonly names: string[];
  private d: Int32Array = EMPTY;
  private at = 0;

  constructor(template: State) {
    this.names = template.tasks.map((t) => t.name);
  }

  /** Appends `s` (and its budget and discovery index) to `arena` as one entry. */
  pack(arena: Arena, s: State, budget: readonly number[], index: number): void {
    if (s.outcome !== null || s.violations.length > 0) throw new Error('pack: only frontier states');
    arena.begin();
    const a = arena;
    a.push(index);
    this.list(a, budget);
    a.push(s.tick);
    a.push(s.seq);
    a.push(s.rng | 0);
    a.push(s.rrLast);
    a.push(s.nextAction);
    a.push(s.waiting);
    a.push(s.vcpus.length);
    for (const v of s.vcpus) {
      a.push(v.busy | 0);
      a.push(v.veGpa);
      a.push(v.veDue);
      a.push(
        (v.infoUnsaved ? 1 : 0) |
          (v.hostCurrentUnread ? 2 : 0) |
          (v.smSuspended ? 4 : 0) |
          (v.idleTif ? 8 : 0) |
          (v.dead ? 16 : 0),
      );
      a.push(v.active.length);
      for (const x of v.active) a.push(x ? 1 : 0);
      a.push(v.slots.length);
      for (const sl of v.slots) {
        a.push(code(SLOT_STATES, sl.state));
        a.push(sl.gpa);
        a.push(sl.wait);
      }
      a.push(v.guestCurrent);
      a.push(v.hostCurrent);
      a.push(v.current);
      a.push(v.irq.length);
      for (const f of v.irq) {
        if (f.kind === 've') {
          a.push(0);
          this.packVe(a, f);
        } else {
          a.push(1);
          a.push(code(PCS, f.pc));
          this.list(a, f.pending);
          a.push(f.info);
        }
      }
      this.list(a, v.haltPending);
      this.list(a, v.woken);
      a.push(v.waiting);
      if (v.exit) {
        a.push(1);
        a.push(v.exit.page);
        a.push(v.exit.res);
      } else a.push(0);
    }
    a.push(s.tasks.length);
    for (const t of s.tasks) {
      a.push(t.home);
      a.push(t.vcpu);
      a.push(
        (t.mode === 'user' ? 1 : 0) |
          (t.preemptible ? 2 : 0) |
          (t.irqsOff ? 4 : 0) |
          (t.fixup ? 8 : 0) |
          (t.signal !== null ? 16 : 0) |
          (t.tif ? 32 : 0),
      );
      a.push(code(STATUSES, t.status));
      this.list(a, t.pending);
      a.push(t.frames.length);
      for (const f of t.frames) this.packVe(a, f);
      a.push(t.parkedVp);
      a.push(t.parkedIdx);
    }
    a.push(s.pages.length);
    for (const p of s.pages) {
      a.push(code(BACKINGS, p.backing) | (p.suppressVe ? 4 : 0));
      a.push(p.latency);
    }
    a.push(s.resolutions.length);
    for (const r of s.resolutions) {
      a.push(r.id);
      a.push((r.kind === 'vmexit' ? 1 : 0) | (r.finished ? 2 : 0) | (code(RESULTS, r.result) << 2));
      a.push(r.vcpu);
      a.push(r.idx);
      a.push(r.page);
      a.push(r.startedAt);
      a.push(r.readyAt);
      a.push(r.age);
      a.push(r.phase);
      a.push(code(SLOT_STATES, r.read));
    }
    a.push(s.injections.length);
    for (const j of s.injections) {
      a.push(j.id);
      a.push(j.vcpu);
      a.push(j.idx);
      a.push(j.queuedAt);
      a.push(j.phase);
    }
  }

  private list(a: Arena, xs: readonly number[]): void {
    a.push(xs.length);
    for (const x of xs) a.push(x);
  }

  private packVe(a: Arena, f: VeFrame): void {
    a.push(code(PCS, f.pc));
    this.list(a, f.pending);
    a.push(f.fault);
    a.push(f.vp);
    a.push(f.idx);
    a.push(f.ownsSlot ? 1 : 0);
    a.push(code(PATHS, f.path));
    a.push(f.ownsFlag ? 1 : 0);
    a.push(code(SLOT_STATES, f.state));
    a.push(code(EXITS, f.exit));
    a.push(
      (f.userRegs ? 1 : 0) |
        (f.fixupable ? 2 : 0) |
        (f.outerIf ? 4 : 0) |
        (f.outerPreempt ? 8 : 0) |
        (f.copied ? 16 : 0),
    );
  }

  private r(): number {
    return this.d[this.at++]!;
  }

  private ints(): number[] {
    const n = this.r();
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.r();
    return out;
  }

  private veFrame(): VeFrame {
    const pc = PCS[this.r()] as VePc;
    const pending = this.ints();
    const fault = this.r();
    const vp = this.r();
    const idx = this.r();
    const ownsSlot = this.r() === 1;
    const path = PATHS[this.r()]!;
    const ownsFlag = this.r() === 1;
    const state = SLOT_STATES[this.r()]!;
    const exit = EXITS[this.r()]!;
    const bits = this.r();
    return {
      kind: 've',
      pc,
      pending,
      fault,
      vp,
      idx,
      ownsSlot,
      path,
      ownsFlag,
      state,
      exit,
      userRegs: (bits & 1) !== 0,
      fixupable: (bits & 2) !== 0,
      outerIf: (bits & 4) !== 0,
      outerPreempt: (bits & 8) !== 0,
      copied: (bits & 16) !== 0,
    };
  }

  private vcpu(): VcpuState {
    const busy = this.r() >>> 0;
    const veGpa = this.r();
    const veDue = this.r();
    const flags = this.r();
    const active = new Array<boolean>(this.r());
    for (let i = 0; i < active.length; i++) active[i] = this.r() === 1;
    const slots = new Array<Slot>(this.r());
    for (let i = 0; i < slots.length; i++) {
      const state = SLOT_STATES[this.r()]!;
      const gpa = this.r();
      slots[i] = { state, gpa, wait: this.r() };
    }
    const guestCurrent = this.r();
    const hostCurrent = this.r();
    const current = this.r();
    const irq = new Array<Frame>(this.r());
    for (let i = 0; i < irq.length; i++) {
      if (this.r() === 0) irq[i] = this.veFrame();
      else {
        const pc = PCS[this.r()] as 'gc.info' | 'gc.wake';
        const pending = this.ints();
        irq[i] = { kind: 'gc', pc, pending, info: this.r() };
      }
    }
    const haltPending = this.ints();
    const woken = this.ints();
    const waiting = this.r();
    let exit: VcpuState['exit'] = null;
    if (this.r() === 1) {
      const page = this.r();
      exit = { page, res: this.r() };
    }
    return {
      busy,
      veGpa,
      infoUnsaved: (flags & 1) !== 0,
      veDue,
      active,
      slots,
      guestCurrent,
      hostCurrent,
      hostCurrentUnread: (flags & 2) !== 0,
      current,
      irq,
      haltPending,
      woken,
      waiting,
      exit,
      smSuspended: (flags & 4) !== 0,
      idleTif: (flags & 8) !== 0,
      dead: (flags & 16) !== 0,
    };
  }

  private task(k: number): TaskState {
    const home = this.r();
    const vcpu = this.r();
    const flags = this.r();
    const status = STATUSES[this.r()]!;
    const pending = this.ints();
    const frames = new Array<VeFrame>(this.r());
    for (let i = 0; i < frames.length; i++) frames[i] = this.veFrame();
    const parkedVp = this.r();
    const parkedIdx = this.r();
    return {
      home,
      vcpu,
      name: this.names[k]!,
      mode: (flags & 1) !== 0 ? 'user' : 'kernel',
      preemptible: (flags & 2) !== 0,
      irqsOff: (flags & 4) !== 0,
      fixup: (flags & 8) !== 0,
      status,
      signal: (flags & 16) !== 0 ? 'SIGBUS' : null,
      tif: (flags & 32) !== 0,
      pending,
      frames,
      parkedVp,
      parkedIdx,
    };
  }

  /** Entry `i` of `arena`: its state (fresh objects), budget and discovery index. */
  unpack(arena: Arena, i: number): { state: State; budget: number[]; index: number } {
    this.d = arena.data;
    this.at = arena.starts[i]!;
    const index = this.r();
    const budget = this.ints();
    const tick = this.r();
    const seq = this.r();
    const rng = this.r() >>> 0;
    const rrLast = this.r();
    const nextAction = this.r();
    const waiting = this.r();
    const vcpus = new Array<VcpuState>(this.r());
    for (let k = 0; k < vcpus.length; k++) vcpus[k] = this.vcpu();
    const tasks = new Array<TaskState>(this.r());
    for (let k = 0; k < tasks.length; k++) tasks[k] = this.task(k);
    const pages = new Array<PageState>(this.r());
    for (let k = 0; k < pages.length; k++) {
      const bits = this.r();
      pages[k] = { backing: BACKINGS[bits & 3]!, latency: this.r(), suppressVe: (bits & 4) !== 0 };
    }
    const resolutions = new Array<Resolution>(this.r());
    for (let k = 0; k < resolutions.length; k++) {
      const id = this.r();
      const bits = this.r();
      const vcpu = this.r();
      const idx = this.r();
      const page = this.r();
      const startedAt = this.r();
      const readyAt = this.r();
      const age = this.r();
      const phase = this.r();
      resolutions[k] = {
        id,
        kind: (bits & 1) !== 0 ? 'vmexit' : 'hypercall',
        vcpu,
        idx,
        page,
        startedAt,
        readyAt,
        finished: (bits & 2) !== 0,
        result: RESULTS[bits >> 2]!,
        age,
        phase,
        read: SLOT_STATES[this.r()]!,
      };
    }
    const injections = new Array<Injection>(this.r());
    for (let k = 0; k < injections.length; k++) {
      const id = this.r();
      const vcpu = this.r();
      const idx = this.r();
      const queuedAt = this.r();
      injections[k] = { id, vcpu, idx, queuedAt, phase: this.r() };
    }
    const state: State = {
      tick,
      seq,
      rng,
      rrLast,
      nextAction,
      waiting,
      vcpus,
      tasks,
      pages,
      resolutions,
      injections,
      violations: [],
      outcome: null,
      message: null,
    };
    this.d = EMPTY; // hold no arena: a dropped frontier must be collectable
    return { state, budget, index };
  }
}
