/**
 * The visited set: 64-bit state hashes in an open-addressing table, mapping each to the state's
 * discovery index. A slot is two adjacent words (the hash's high half, index + 1; 0 = empty); the
 * low half is kept per state beside its parent index and choice, in growable typed arrays, and is
 * read only when a slot's high half matches — so a probe touches one cache line, and a state costs
 * 8 bytes a slot (at most half the slots are used) plus 12 bytes of its own: about 28–44 bytes per
 * state by where the table is between two doublings (bench/explore.bench.ts). Parent and choice
 * let counterexamples be rebuilt without storing states.
 */
export class VisitedSet {
  private table: Int32Array;
  private mask: number;
  size = 0;
  parent = new Int32Array(1024);
  choice = new Int32Array(1024);
  /** The low half of each state's hash, by discovery index. */
  private low = new Int32Array(1024);

  constructor(capacityLog2 = 16) {
    const cap = 1 << capacityLog2;
    this.table = new Int32Array(cap * 2);
    this.mask = cap - 1;
  }

  private static slot(h: number, l: number, mask: number): number {
    return (l ^ Math.imul(h, 0x9e3779b1)) & mask;
  }

  /** Inserts a hash; returns the new state's index, or -1 if it was already there. */
  add(h: number, l: number, parent: number, choice: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const t = this.table;
    const hi = h | 0;
    const lo = l | 0;
    let i = VisitedSet.slot(h, l, this.mask);
    for (;;) {
      const at = 2 * i;
      const held = t[at + 1]!;
      if (held === 0) break;
      if (t[at] === hi && this.low[held - 1] === lo) return -1;
      i = (i + 1) & this.mask;
    }
    const index = this.size++;
    t[2 * i] = hi;
    t[2 * i + 1] = index + 1;
    if (index >= this.parent.length) {
      this.parent = doubled(this.parent);
      this.choice = doubled(this.choice);
      this.low = doubled(this.low);
    }
    this.parent[index] = parent;
    this.choice[index] = choice;
    this.low[index] = lo;
    return index;
  }

  /** The discovery index of a hash, or -1 when it was never added. */
  find(h: number, l: number): number {
    const t = this.table;
    let i = VisitedSet.slot(h, l, this.mask);
    for (;;) {
      const at = 2 * i;
      const held = t[at + 1]!;
      if (held === 0) return -1;
      if (t[at] === (h | 0) && this.low[held - 1] === (l | 0)) return held - 1;
      i = (i + 1) & this.mask;
    }
  }

  /** Bytes held (table at its load factor plus each state's parent, choice and low half). */
  bytes(): number {
    return this.table.byteLength + this.parent.length * 12;
  }

  /** Bytes held per visited state (table at its load factor plus parent, choice and low half). */
  bytesPerState(): number {
    return this.size ? this.bytes() / this.size : 0;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    const t = new Int32Array(cap * 2);
    this.mask = cap - 1;
    for (let k = 0; k < old.length; k += 2) {
      const held = old[k + 1]!;
      if (held === 0) continue;
      let i = VisitedSet.slot(old[k]!, this.low[held - 1]!, this.mask);
      while (t[2 * i + 1] !== 0) i = (i + 1) & this.mask;
      t[2 * i] = old[k]!;
      t[2 * i + 1] = held;
    }
    this.table = t;
  }
}

function doubled(xs: Int32Array): Int32Array<ArrayBuffer> {
  const d = new Int32Array(xs.length * 2);
  d.set(xs);
  return d;
}
