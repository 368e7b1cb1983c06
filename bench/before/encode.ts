/** Part of the frozen "before" explorer of bench/explore.bench.ts (see before/explore.ts). */
/**
 * Canonical encoding of a machine state for the explorer's visited set (explore.md "Two states are
 * the same when the machine is the same"): clocks, ids, the event list, the scheduler's bookkeeping
 * and recorded violations are left out; the host's ordering counters are replaced by the order
 * they induce. Written into a reusable Int32 buffer and hashed to 64 bits.
 */
import { VCPU_LABELS, type Machine, type State } from '../../src/engine';
import type { Frame, Resolution, Injection } from '../../src/engine/state';

const PC_CODE = new Map<string, number>(VCPU_LABELS.map((l, i) => [l, i] as [string, number]));
const SLOT_CODE: Record<string, number> = { NONE: 0, CAN_CONTINUE: 1, SUSPEND_ME: 2, RESOLVED: 3, FAIL: 4 };
const STATUS_CODE: Record<string, number> = { running: 0, runnable: 1, parked: 2, killed: 3 };
const BACKING_CODE: Record<string, number> = { present: 0, swapped: 1, lost: 2 };
const PATH_CODE: Record<string, number> = { none: 0, CAN_CONTINUE: 1, SUSPEND_ME: 2 };
const EXIT_CODE: Record<string, number> = { retry: 0, sigbus: 1, fixup: 2 };
const OUTCOME_CODE: Record<string, number> = {
  quiescent: 1,
  hung: 2,
  panic: 3,
  killed: 4,
  bug: 5,
  'max-steps': 6,
  invalid: 7,
};

export class Encoder {
  buf = new Int32Array(4096);
  len = 0;
  /** Scratch lists for the host's work, reused by every encode (no allocation per state). */
  private readonly inFlight: Resolution[] = [];
  private readonly ready: (Resolution | Injection)[] = [];

  /**
   * No capacity check per word: a store past the end of a typed array is ignored, `len` still
   * counts it, and `encode` grows the buffer and starts again when `len` went past the end.
   */
  private push(v: number): void {
    this.buf[this.len++] = v;
  }

  private list(xs: readonly number[]): void {
    this.push(xs.length);
    for (const x of xs) this.push(x);
  }

  private frame(f: Frame): void {
    if (f.kind === 'gc') {
      this.push(-1);
      this.push(f.pc === 'gc.info' ? 0 : 1);
      this.list(f.pending);
      this.push(f.info);
      return;
    }
    this.push(PC_CODE.get(f.pc)!);
    this.list(f.pending);
    this.push(f.fault);
    this.push(f.vp);
    this.push(f.idx);
    this.push(PATH_CODE[f.path]!);
    this.push(SLOT_CODE[f.state]!);
    this.push(EXIT_CODE[f.exit]!);
    this.push(
      (f.ownsSlot ? 1 : 0) |
        (f.ownsFlag ? 2 : 0) |
        (f.userRegs ? 4 : 0) |
        (f.fixupable ? 8 : 0) |
        (f.outerIf ? 16 : 0) |
        (f.outerPreempt ? 32 : 0) |
        (f.copied ? 64 : 0),
    );
  }

  /** Encodes the machine state plus the explorer's remaining access budget. */
  encode(m: Machine, s: State, budget: readonly number[]): void {
    for (;;) {
      this.encodeWords(m, s, budget);
      if (this.len <= this.buf.length) return;
      this.buf = new Int32Array(Math.max(this.buf.length * 2, this.len * 2));
    }
  }

  private encodeWords(m: Machine, s: State, budget: readonly number[]): void {
    this.len = 0;
    this.push(s.outcome ? OUTCOME_CODE[s.outcome]! : 0);
    for (const v of s.vcpus) {
      this.push(
        (v.busy !== 0 ? 1 : 0) |
          (v.infoUnsaved ? 2 : 0) |
          (v.hostCurrentUnread ? 4 : 0) |
          (v.smSuspended ? 8 : 0) |
          (v.idleTif ? 16 : 0) |
          (v.dead ? 32 : 0),
      );
      this.push(v.veGpa);
      this.push(v.veDue);
      for (let j = 0; j < m.entries; j++) {
        const sl = v.slots[j]!;
        this.push((v.active[j] ? 1 : 0) | (SLOT_CODE[sl.state]! << 1));
        this.push(sl.gpa);
        this.push(sl.wait);
      }
      this.push(v.guestCurrent);
      this.push(v.hostCurrent);
      this.push(v.current);
      this.push(v.irq.length);
      for (const f of v.irq) this.frame(f);
      this.list(v.haltPending);
      this.list(v.woken);
      this.push(v.exit ? v.exit.page : -1);
      this.push(v.exit ? (v.exit.res >= 0 ? 1 : 0) : -1);
    }
    for (const t of s.tasks) {
      this.push(t.vcpu);
      this.push(STATUS_CODE[t.status]!);
      this.push(
        (t.mode === 'user' ? 1 : 0) |
          (t.preemptible ? 2 : 0) |
          (t.irqsOff ? 4 : 0) |
          (t.fixup ? 8 : 0) |
          (t.signal ? 16 : 0) |
          (t.tif ? 32 : 0),
      );
      this.list(t.pending);
      this.push(t.frames.length);
      for (const f of t.frames) this.frame(f);
      this.push(t.parkedVp);
      this.push(t.parkedIdx);
    }
    for (const p of s.pages) this.push(BACKING_CODE[p.backing]! | (p.suppressVe ? 4 : 0));
    // Page-ins in flight, oldest first (the order host.page_in uses).
    const inFlight = this.inFlight;
    const ready = this.ready;
    inFlight.length = 0;
    ready.length = 0;
    for (const r of s.resolutions) (r.finished ? ready : inFlight).push(r);
    for (const j of s.injections) ready.push(j);
    // Insertion sorts (a handful of items; ids are unique, so the order is total as with sort()).
    for (let i = 1; i < inFlight.length; i++) {
      const r = inFlight[i]!;
      let k = i - 1;
      while (k >= 0 && (inFlight[k]!.startedAt - r.startedAt || inFlight[k]!.id - r.id) > 0) {
        inFlight[k + 1] = inFlight[k]!;
        k--;
      }
      inFlight[k + 1] = r;
    }
    this.push(inFlight.length);
    for (const r of inFlight) this.resolution(r);
    // Ready host work in the order the host takes it (rule 6.9): ages become ranks.
    for (let i = 1; i < ready.length; i++) {
      const w = ready[i]!;
      let k = i - 1;
      while (k >= 0 && (ageOf(ready[k]!) - ageOf(w) || ready[k]!.id - w.id) > 0) {
        ready[k + 1] = ready[k]!;
        k--;
      }
      ready[k + 1] = w;
    }
    this.push(ready.length);
    for (const w of ready) {
      if ('kind' in w) {
        this.resolution(w);
        this.push(w.result === 'FAIL' ? 1 : 0);
        this.push(w.phase);
        this.push(SLOT_CODE[w.read]!);
      } else {
        this.push(-2);
        this.push(w.vcpu);
        this.push(w.idx);
        this.push(w.phase);
      }
    }
    inFlight.length = 0;
    ready.length = 0;
    this.list(budget);
  }

  private resolution(r: Resolution): void {
    this.push(r.kind === 'vmexit' ? -3 : -4);
    this.push(r.vcpu);
    this.push(r.idx);
    this.push(r.page);
  }

  /** The two halves of the last `hashInto()`. */
  h1 = 0;
  h2 = 0;

  /** 64-bit hash of the encoded words as two 32-bit halves (murmur3-style mixing, two seeds). */
  hash(): [number, number] {
    this.hashInto();
    return [this.h1, this.h2];
  }

  /** As `hash()`, into `h1` / `h2` (no allocation in the explorer's hot loop). */
  hashInto(): void {
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
}

function ageOf(w: Resolution | Injection): number {
  return 'kind' in w ? w.age : w.queuedAt;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
