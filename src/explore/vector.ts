/**
 * The explorer's state vector: one flat run of 32-bit words per state that is at once its
 * canonical form (explore.md "Two states are the same when the machine is the same": clocks, ids,
 * the event list, the scheduler's bookkeeping and recorded violations are left out; the host's
 * ordering counters become the order they induce), what is hashed for the visited set, what the
 * frontier stores, and what a state is decoded from. Fields are bit-packed at the widths of
 * layout.ts (the mail's machine: 20–30 bytes).
 *
 * Nothing is allocated per state: `encode` writes into one reusable buffer, `decode` restores a
 * reusable scratch State in place (its objects come from pools), so the hot loop decodes, steps,
 * encodes, hashes and probes without making garbage beyond what the engine step itself makes.
 * A decoded state is not the original object for object, but it behaves the same: the same steps
 * are enabled and each leads to a state with the same vector (tests/explore/vector.test.ts).
 */
import { BUSY_SET, VCPU_LABELS, initialState, type Machine, type SlotStateName, type State } from '../engine';
import type {
  Frame,
  GcFrame,
  Injection,
  PageState,
  Resolution,
  TaskState,
  VeFrame,
  VePc,
} from '../engine/state';
import { LEN_BITS, LEN_ESCAPE, LONG_LEN_BITS, PC_BITS, layoutOf, type Layout } from './layout';

const PCS: readonly string[] = VCPU_LABELS;
const PC_CODE = new Map<string, number>(VCPU_LABELS.map((l, i) => [l, i] as [string, number]));
const SLOT_STATES: readonly SlotStateName[] = ['NONE', 'CAN_CONTINUE', 'SUSPEND_ME', 'RESOLVED', 'FAIL'];
const STATUSES: readonly TaskState['status'][] = ['running', 'runnable', 'parked', 'killed'];
const BACKINGS = ['present', 'swapped', 'lost'] as const;
const PATHS: readonly VeFrame['path'][] = ['none', 'CAN_CONTINUE', 'SUSPEND_ME'];
const EXITS: readonly VeFrame['exit'][] = ['retry', 'sigbus', 'fixup'];

// The codes of the small enums, as comparisons (a keyed lookup was the hottest part of encode).
function slotCode(x: SlotStateName): number {
  return x === 'NONE' ? 0 : x === 'CAN_CONTINUE' ? 1 : x === 'SUSPEND_ME' ? 2 : x === 'RESOLVED' ? 3 : 4;
}
function statusCode(x: TaskState['status']): number {
  return x === 'running' ? 0 : x === 'runnable' ? 1 : x === 'parked' ? 2 : 3;
}
function backingCode(x: PageState['backing']): number {
  return x === 'present' ? 0 : x === 'swapped' ? 1 : 2;
}
function pathCode(x: VeFrame['path']): number {
  return x === 'none' ? 0 : x === 'CAN_CONTINUE' ? 1 : 2;
}
function exitCode(x: VeFrame['exit']): number {
  return x === 'retry' ? 0 : x === 'sigbus' ? 1 : 2;
}
const OUTCOME_CODE: Record<string, number> = {
  quiescent: 1,
  hung: 2,
  panic: 3,
  killed: 4,
  bug: 5,
  'max-steps': 6,
  invalid: 7,
};
/** Placeholders of `resize` (always overwritten). */
const NO_FRAME = newVeFrame();
const NO_RESOLUTION = newResolution();
const NO_INJECTION = newInjection();
/** Kinds of ready host work in the vector. */
const READY_HYPERCALL = 0;
const READY_VMEXIT = 1;
const READY_INJECTION = 2;

/** A Resolution or an Injection, by the field only resolutions have. */
function isResolution(w: Resolution | Injection): w is Resolution {
  return 'kind' in w;
}

function ageOf(w: Resolution | Injection): number {
  return isResolution(w) ? w.age : w.queuedAt;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function newVeFrame(): VeFrame {
  return {
    kind: 've',
    pc: 've.vp',
    pending: [],
    fault: -1,
    vp: -1,
    idx: -1,
    ownsSlot: false,
    path: 'none',
    ownsFlag: false,
    state: 'NONE',
    exit: 'retry',
    userRegs: false,
    fixupable: false,
    outerIf: false,
    outerPreempt: false,
    copied: false,
  };
}

function newGcFrame(): GcFrame {
  return { kind: 'gc', pc: 'gc.info', pending: [], info: -1 };
}

function newResolution(): Resolution {
  return {
    id: 0,
    kind: 'hypercall',
    vcpu: 0,
    idx: -1,
    page: -1,
    startedAt: 0,
    readyAt: -1,
    finished: false,
    result: null,
    age: 0,
    phase: 0,
    read: 'NONE',
  };
}

function newInjection(): Injection {
  return { id: 0, vcpu: 0, idx: 0, queuedAt: 0, phase: 0 };
}

/**
 * Sets the length of `xs` to `n` by pop / push (setting `length` is a runtime call in V8, the
 * hottest line of decode); new entries are filled in by the caller.
 */
function resize<T>(xs: T[], n: number, fill: T): void {
  while (xs.length > n) xs.pop();
  while (xs.length < n) xs.push(fill);
}

/** Objects handed out in order by one decode and reused by the next. */
class Pool<T> {
  private readonly items: T[] = [];
  at = 0;
  private readonly make: () => T;

  constructor(make: () => T) {
    this.make = make;
  }

  take(): T {
    if (this.at === this.items.length) this.items.push(this.make());
    return this.items[this.at++]!;
  }
}

export class StateVector {
  readonly machine: Machine;
  readonly layout: Layout;
  /** The last `encode`: `len` words of `buf`. */
  buf = new Int32Array(1024);
  len = 0;
  /** The two 32-bit halves of the last `hash()`. */
  h1 = 0;
  h2 = 0;
  /** The remaining access budget of the last `decode`. */
  readonly budget: Int32Array;

  // Bit writer / reader state.
  private acc = 0;
  private pos = 0;
  private src: Int32Array = this.buf;
  private at = 0;

  /** Scratch lists for the host's work, reused by every encode. */
  private readonly inFlight: Resolution[] = [];
  private readonly ready: (Resolution | Injection)[] = [];

  private readonly veFrames = new Pool(newVeFrame);
  private readonly gcFrames = new Pool(newGcFrame);
  private readonly resolutions = new Pool(newResolution);
  private readonly injections = new Pool(newInjection);
  private readonly exits = new Pool(() => ({ page: -1, res: -1 }));

  /** The budget is put in groups of at most 31 bits: the width of the group starting at each entry (-1: none starts there). */
  private readonly budgetGroup: Int32Array;

  constructor(machine: Machine, times: readonly number[]) {
    this.machine = machine;
    this.layout = layoutOf(machine, times);
    this.budget = new Int32Array(times.length);
    this.budgetGroup = new Int32Array(times.length).fill(-1);
    let start = 0;
    let gb = 0;
    this.layout.budget.forEach((w, c) => {
      if (gb + w > 31) {
        this.budgetGroup[start] = gb;
        start = c;
        gb = 0;
      }
      gb += w;
    });
    if (times.length > 0) this.budgetGroup[start] = gb;
  }

  /** A State of this machine for `decode` to restore in place. */
  scratch(): State {
    return initialState(this.machine);
  }

  // ---- writing ----------------------------------------------------------------------------

  /** Appends the low `n` bits of `v` (0 ≤ v < 2^n, n ≤ 31). Stores past the end are dropped. */
  private put(v: number, n: number): void {
    this.acc |= v << this.pos;
    this.pos += n;
    if (this.pos >= 32) {
      this.buf[this.len++] = this.acc;
      this.pos -= 32;
      this.acc = this.pos > 0 ? v >>> (n - this.pos) : 0;
    }
  }

  private putLen(n: number): void {
    if (n < LEN_ESCAPE) this.put(n, LEN_BITS);
    else {
      this.put(LEN_ESCAPE, LEN_BITS);
      this.put(n, LONG_LEN_BITS);
    }
  }

  private putList(xs: readonly number[], bits: number): void {
    this.putLen(xs.length);
    for (let i = 0; i < xs.length; i++) this.put(xs[i]! + 1, bits);
  }

  // Fields are put in groups of at most 31 bits (layout.ts bounds every width): fewer, wider
  // writes are what makes encode and decode cheap.

  private putVeFrame(f: VeFrame): void {
    const L = this.layout;
    this.put(
      PC_CODE.get(f.pc)! |
        (pathCode(f.path) << PC_BITS) |
        (slotCode(f.state) << (PC_BITS + 2)) |
        (exitCode(f.exit) << (PC_BITS + 5)) |
        ((f.ownsSlot ? 1 : 0) << (PC_BITS + 7)) |
        ((f.ownsFlag ? 1 : 0) << (PC_BITS + 8)) |
        ((f.userRegs ? 1 : 0) << (PC_BITS + 9)) |
        ((f.fixupable ? 1 : 0) << (PC_BITS + 10)) |
        ((f.outerIf ? 1 : 0) << (PC_BITS + 11)) |
        ((f.outerPreempt ? 1 : 0) << (PC_BITS + 12)) |
        ((f.copied ? 1 : 0) << (PC_BITS + 13)) |
        ((f.idx + 1) << (PC_BITS + 14)),
      PC_BITS + 14 + L.idx,
    );
    this.put(f.fault + 1 + ((f.vp + 1) << L.page), L.page + L.vcpu);
    this.putList(f.pending, L.page);
  }

  private putFrame(f: Frame): void {
    if (f.kind === 've') {
      this.put(0, 1);
      this.putVeFrame(f);
      return;
    }
    this.put(1 | ((f.pc === 'gc.info' ? 0 : 1) << 1) | ((f.info + 1) << 2), 2 + this.layout.idx);
    this.putList(f.pending, this.layout.page);
  }

  private putResolution(r: Resolution, kind: number): void {
    const L = this.layout;
    this.put(
      kind | ((r.vcpu + 1) << 2) | ((r.idx + 1) << (2 + L.vcpu)) | ((r.page + 1) << (2 + L.vcpu + L.idx)),
      2 + L.vcpu + L.idx + L.page,
    );
  }

  /**
   * Encodes state `s` with the explorer's remaining access budget into `buf[0 … len)`. A buffer
   * too small is grown and the encoding started again.
   */
  encode(s: State, budget: ArrayLike<number>): void {
    for (;;) {
      this.encodeBits(s, budget);
      if (this.len <= this.buf.length) return;
      this.buf = new Int32Array(Math.max(this.buf.length * 2, this.len * 2));
    }
  }

  private encodeBits(s: State, budget: ArrayLike<number>): void {
    const L = this.layout;
    const P = L.page;
    const T = L.task;
    const I = L.idx;
    const m = this.machine;
    this.len = 0;
    this.acc = 0;
    this.pos = 0;
    this.put(s.outcome ? OUTCOME_CODE[s.outcome]! : 0, 3);
    for (let vi = 0; vi < s.vcpus.length; vi++) {
      const v = s.vcpus[vi]!;
      this.put(
        (v.busy !== 0 ? 1 : 0) |
          (v.infoUnsaved ? 2 : 0) |
          (v.hostCurrentUnread ? 4 : 0) |
          (v.smSuspended ? 8 : 0) |
          (v.idleTif ? 16 : 0) |
          (v.dead ? 32 : 0) |
          ((v.veGpa + 1) << 6),
        6 + P,
      );
      this.put(v.veDue + 1 + ((v.guestCurrent + 1) << P) + ((v.hostCurrent + 1) << (P + I)), P + 2 * I);
      const exit = v.exit;
      this.put(
        v.current +
          1 +
          ((exit ? 1 : 0) << T) +
          ((exit && exit.res >= 0 ? 1 : 0) << (T + 1)) +
          ((exit ? exit.page + 1 : 0) << (T + 2)),
        T + 2 + P,
      );
      for (let j = 0; j < m.entries; j++) {
        const sl = v.slots[j]!;
        this.put(
          (v.active[j] ? 1 : 0) |
            (slotCode(sl.state) << 1) |
            ((sl.gpa + 1) << 4) |
            ((sl.wait + 1) << (4 + P)),
          4 + P + T,
        );
      }
      this.putLen(v.irq.length);
      for (let i = 0; i < v.irq.length; i++) this.putFrame(v.irq[i]!);
      this.putList(v.haltPending, P);
      this.putList(v.woken, T);
    }
    const V = L.vcpu;
    for (let ti = 0; ti < s.tasks.length; ti++) {
      const t = s.tasks[ti]!;
      this.put(
        t.vcpu +
          1 +
          (statusCode(t.status) << V) +
          (((t.mode === 'user' ? 1 : 0) |
            (t.preemptible ? 2 : 0) |
            (t.irqsOff ? 4 : 0) |
            (t.fixup ? 8 : 0) |
            (t.signal ? 16 : 0) |
            (t.tif ? 32 : 0)) <<
            (V + 2)) +
          ((t.parkedVp + 1) << (V + 8)) +
          ((t.parkedIdx + 1) << (2 * V + 8)),
        2 * V + 8 + I,
      );
      this.putList(t.pending, P);
      this.putLen(t.frames.length);
      for (let i = 0; i < t.frames.length; i++) this.putVeFrame(t.frames[i]!);
    }
    let g = 0;
    let gb = 0;
    for (let p = 0; p < s.pages.length; p++) {
      if (gb + 3 > 31) {
        this.put(g, gb);
        g = 0;
        gb = 0;
      }
      const pg = s.pages[p]!;
      g |= (backingCode(pg.backing) | (pg.suppressVe ? 4 : 0)) << gb;
      gb += 3;
    }
    this.put(g, gb);
    this.encodeHostWork(s);
    g = 0;
    gb = 0;
    for (let c = 0; c < L.budget.length; c++) {
      const w = L.budget[c]!;
      if (gb + w > 31) {
        this.put(g, gb);
        g = 0;
        gb = 0;
      }
      g |= budget[c]! << gb;
      gb += w;
    }
    this.put(g, gb);
    if (this.pos > 0) this.buf[this.len++] = this.acc;
  }

  /** Page-ins in flight, oldest first; then ready work in the order the host takes it (rule 6.9). */
  private encodeHostWork(s: State): void {
    const inFlight = this.inFlight;
    const ready = this.ready;
    const res = s.resolutions;
    // Resolutions are made in start order and stay in it, so in-flight ones need no sort (checked).
    let inOrder = true;
    let last: Resolution | null = null;
    for (let i = 0; i < res.length; i++) {
      const r = res[i]!;
      if (r.finished) ready.push(r);
      else {
        if (last && (last.startedAt - r.startedAt || last.id - r.id) > 0) inOrder = false;
        last = r;
        inFlight.push(r);
      }
    }
    for (let i = 0; i < s.injections.length; i++) ready.push(s.injections[i]!);
    if (!inOrder) {
      for (let i = 1; i < inFlight.length; i++) {
        const r = inFlight[i]!;
        let k = i - 1;
        while (k >= 0 && (inFlight[k]!.startedAt - r.startedAt || inFlight[k]!.id - r.id) > 0) {
          inFlight[k + 1] = inFlight[k]!;
          k--;
        }
        inFlight[k + 1] = r;
      }
    }
    // Insertion sort (a handful of items; ids are unique, so the order is total).
    for (let i = 1; i < ready.length; i++) {
      const w = ready[i]!;
      let k = i - 1;
      while (k >= 0 && (ageOf(ready[k]!) - ageOf(w) || ready[k]!.id - w.id) > 0) {
        ready[k + 1] = ready[k]!;
        k--;
      }
      ready[k + 1] = w;
    }
    const L = this.layout;
    this.putLen(inFlight.length);
    for (const r of inFlight) this.putResolution(r, r.kind === 'vmexit' ? READY_VMEXIT : READY_HYPERCALL);
    this.putLen(ready.length);
    for (const w of ready) {
      if (isResolution(w)) {
        this.putResolution(w, w.kind === 'vmexit' ? READY_VMEXIT : READY_HYPERCALL);
        this.put((w.result === 'FAIL' ? 1 : 0) | (w.phase << 1) | (slotCode(w.read) << 3), 6);
      } else {
        this.put(
          READY_INJECTION |
            ((w.vcpu + 1) << 2) |
            ((w.idx + 1) << (2 + L.vcpu)) |
            (w.phase << (2 + L.vcpu + L.idx)),
          3 + L.vcpu + L.idx,
        );
      }
    }
    resize(inFlight, 0, NO_RESOLUTION);
    resize(ready, 0, NO_RESOLUTION);
  }

  /** 64-bit hash of the last encoding, into `h1` / `h2` (murmur3-style mixing, two lanes). */
  hash(): void {
    let h1 = 0x9747b28c;
    let h2 = 0x85ebca6b ^ this.len;
    const buf = this.buf;
    for (let i = 0; i < this.len; i++) {
      let k = buf[i]!;
      k = Math.imul(k, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      h1 ^= k;
      h1 = (h1 << 13) | (h1 >>> 19);
      h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
      h2 ^= Math.imul(k ^ (k >>> 16), 0x85ebca6b);
      h2 = (h2 << 17) | (h2 >>> 15);
      h2 = (Math.imul(h2, 9) + 0x7feb352d) | 0;
    }
    this.h1 = fmix(h1 ^ this.len);
    this.h2 = fmix(h2 ^ h1);
  }

  // ---- reading ----------------------------------------------------------------------------

  /** The next `n` bits (n ≤ 31). */
  private get(n: number): number {
    const used = 32 - this.pos;
    // pos is 32 before the first word is read (a shift by 32 would shift by 0).
    let v = used === 0 ? 0 : this.acc >>> this.pos;
    if (n < used) {
      this.pos += n;
      return v & ((1 << n) - 1);
    }
    this.acc = this.src[this.at++]!;
    const rest = n - used;
    v |= this.acc << used;
    this.pos = rest;
    return v & ((1 << n) - 1);
  }

  private getLen(): number {
    const n = this.get(LEN_BITS);
    return n < LEN_ESCAPE ? n : this.get(LONG_LEN_BITS);
  }

  private getList(xs: number[], bits: number): void {
    const n = this.getLen();
    resize(xs, n, 0);
    for (let i = 0; i < n; i++) xs[i] = this.get(bits) - 1;
  }

  private getVeFrame(): VeFrame {
    const L = this.layout;
    const f = this.veFrames.take();
    const a = this.get(PC_BITS + 14 + L.idx);
    f.pc = PCS[a & ((1 << PC_BITS) - 1)] as VePc;
    f.path = PATHS[(a >>> PC_BITS) & 3]!;
    f.state = SLOT_STATES[(a >>> (PC_BITS + 2)) & 7]!;
    f.exit = EXITS[(a >>> (PC_BITS + 5)) & 3]!;
    f.ownsSlot = ((a >>> (PC_BITS + 7)) & 1) !== 0;
    f.ownsFlag = ((a >>> (PC_BITS + 8)) & 1) !== 0;
    f.userRegs = ((a >>> (PC_BITS + 9)) & 1) !== 0;
    f.fixupable = ((a >>> (PC_BITS + 10)) & 1) !== 0;
    f.outerIf = ((a >>> (PC_BITS + 11)) & 1) !== 0;
    f.outerPreempt = ((a >>> (PC_BITS + 12)) & 1) !== 0;
    f.copied = ((a >>> (PC_BITS + 13)) & 1) !== 0;
    f.idx = (a >>> (PC_BITS + 14)) - 1;
    const b = this.get(L.page + L.vcpu);
    f.fault = (b & ((1 << L.page) - 1)) - 1;
    f.vp = (b >>> L.page) - 1;
    this.getList(f.pending, L.page);
    return f;
  }

  private getFrame(): Frame {
    if (this.get(1) === 0) return this.getVeFrame();
    const f = this.gcFrames.take();
    const a = this.get(1 + this.layout.idx);
    f.pc = (a & 1) === 0 ? 'gc.info' : 'gc.wake';
    f.info = (a >>> 1) - 1;
    this.getList(f.pending, this.layout.page);
    return f;
  }

  /** A resolution after its 2-bit kind `kind` was read. */
  private getResolution(kind: number, finished: boolean): Resolution {
    const L = this.layout;
    const r = this.resolutions.take();
    const a = this.get(L.vcpu + L.idx + L.page);
    r.kind = kind === READY_VMEXIT ? 'vmexit' : 'hypercall';
    r.vcpu = (a & ((1 << L.vcpu) - 1)) - 1;
    r.idx = ((a >>> L.vcpu) & ((1 << L.idx) - 1)) - 1;
    r.page = (a >>> (L.vcpu + L.idx)) - 1;
    r.readyAt = -1;
    r.finished = finished;
    r.result = null;
    r.phase = 0;
    r.read = 'NONE';
    return r;
  }

  /**
   * Restores `s` (a `scratch()` state, or one earlier decoded) to the state the words at
   * `words[at …]` encode, and `budget` to its remaining access budget. Only frontier states are
   * decoded (no outcome). Clocks and ids are made up so that they induce the encoded order: page-ins
   * in flight started at ticks 0, 1, …; ready work aged 0, 1, … in the host's order; the clock and
   * the id counter after all of them, so work made from here on comes after it, as in the original.
   */
  decode(words: Int32Array, at: number, s: State): void {
    const L = this.layout;
    const P = L.page;
    const T = L.task;
    const I = L.idx;
    const V = L.vcpu;
    const m = this.machine;
    this.src = words;
    this.at = at;
    this.acc = 0;
    this.pos = 32;
    this.veFrames.at = 0;
    this.gcFrames.at = 0;
    this.resolutions.at = 0;
    this.injections.at = 0;
    this.exits.at = 0;
    this.get(3); // outcome: none in a frontier
    s.outcome = null;
    s.message = null;
    if (s.violations.length > 0) s.violations.length = 0;
    s.waiting = 0;
    for (let vi = 0; vi < s.vcpus.length; vi++) {
      const v = s.vcpus[vi]!;
      const a = this.get(6 + P);
      v.busy = (a & 1) !== 0 ? BUSY_SET : 0;
      v.infoUnsaved = (a & 2) !== 0;
      v.hostCurrentUnread = (a & 4) !== 0;
      v.smSuspended = (a & 8) !== 0;
      v.idleTif = (a & 16) !== 0;
      v.dead = (a & 32) !== 0;
      v.veGpa = (a >>> 6) - 1;
      const b = this.get(P + 2 * I);
      v.veDue = (b & ((1 << P) - 1)) - 1;
      v.guestCurrent = ((b >>> P) & ((1 << I) - 1)) - 1;
      v.hostCurrent = (b >>> (P + I)) - 1;
      const c = this.get(T + 2 + P);
      v.current = (c & ((1 << T) - 1)) - 1;
      if (((c >>> T) & 1) !== 0) {
        const exit = this.exits.take();
        // The id of the page-in it started is used only to tell that it started.
        exit.res = ((c >>> (T + 1)) & 1) !== 0 ? 0 : -1;
        exit.page = (c >>> (T + 2)) - 1;
        v.exit = exit;
      } else v.exit = null;
      for (let j = 0; j < m.entries; j++) {
        const sl = v.slots[j]!;
        const d = this.get(4 + P + T);
        v.active[j] = (d & 1) !== 0;
        sl.state = SLOT_STATES[(d >>> 1) & 7]!;
        sl.gpa = ((d >>> 4) & ((1 << P) - 1)) - 1;
        sl.wait = (d >>> (4 + P)) - 1;
      }
      const irq = this.getLen();
      resize<Frame>(v.irq, irq, NO_FRAME);
      for (let i = 0; i < irq; i++) v.irq[i] = this.getFrame();
      this.getList(v.haltPending, P);
      this.getList(v.woken, T);
      v.waiting = 0;
    }
    for (let ti = 0; ti < s.tasks.length; ti++) {
      const t = s.tasks[ti]!;
      const a = this.get(2 * V + 8 + I);
      t.vcpu = (a & ((1 << V) - 1)) - 1;
      t.status = STATUSES[(a >>> V) & 3]!;
      const flags = a >>> (V + 2);
      t.mode = (flags & 1) !== 0 ? 'user' : 'kernel';
      t.preemptible = (flags & 2) !== 0;
      t.irqsOff = (flags & 4) !== 0;
      t.fixup = (flags & 8) !== 0;
      t.signal = (flags & 16) !== 0 ? 'SIGBUS' : null;
      t.tif = (flags & 32) !== 0;
      t.parkedVp = ((a >>> (V + 8)) & ((1 << V) - 1)) - 1;
      t.parkedIdx = (a >>> (2 * V + 8)) - 1;
      this.getList(t.pending, P);
      const frames = this.getLen();
      resize<VeFrame>(t.frames, frames, NO_FRAME);
      for (let i = 0; i < frames; i++) t.frames[i] = this.getVeFrame();
      // Derived (state.ts `waiting`): a runnable task with work left, on its vCPU.
      if (t.status === 'runnable' && (t.pending.length > 0 || t.frames.length > 0)) {
        s.vcpus[t.vcpu]!.waiting++;
        s.waiting++;
      }
    }
    let g = 0;
    let gb = 0;
    for (let p = 0; p < s.pages.length; p++) {
      if (gb + 3 > 31 || p === 0) {
        g = this.get(Math.min(3 * (s.pages.length - p), 30));
        gb = 0;
      }
      const pg = s.pages[p]!;
      const bits = (g >>> gb) & 7;
      gb += 3;
      pg.backing = BACKINGS[bits & 3]!;
      pg.suppressVe = (bits & 4) !== 0;
    }
    const res = s.resolutions;
    const inj = s.injections;
    resize(res, 0, NO_RESOLUTION);
    resize(inj, 0, NO_INJECTION);
    const inFlight = this.getLen();
    let id = 0;
    for (let i = 0; i < inFlight; i++) {
      const r = this.getResolution(this.get(2), false);
      r.id = id++;
      r.startedAt = i;
      r.age = 0;
      res.push(r);
    }
    const ready = this.getLen();
    for (let k = 0; k < ready; k++) {
      const kind = this.get(2);
      if (kind === READY_INJECTION) {
        const j = this.injections.take();
        const a = this.get(1 + V + I);
        j.id = id++;
        j.vcpu = (a & ((1 << V) - 1)) - 1;
        j.idx = ((a >>> V) & ((1 << I) - 1)) - 1;
        j.queuedAt = k;
        j.phase = a >>> (V + I);
        inj.push(j);
      } else {
        const r = this.getResolution(kind, true);
        const a = this.get(6);
        r.result = (a & 1) !== 0 ? 'FAIL' : 'RESOLVED';
        r.phase = (a >>> 1) & 3;
        r.read = SLOT_STATES[a >>> 3]!;
        r.id = id++;
        r.startedAt = 0;
        r.age = k;
        res.push(r);
      }
    }
    for (let c = 0; c < L.budget.length; c++) {
      const w = L.budget[c]!;
      if (this.budgetGroup[c]! >= 0) {
        g = this.get(this.budgetGroup[c]!);
        gb = 0;
      }
      this.budget[c] = (g >>> gb) & ((1 << w) - 1);
      gb += w;
    }
    s.seq = id;
    s.tick = Math.max(inFlight, ready);
    s.rrLast = -1;
    s.nextAction = 0;
  }
}
