/**
 * The visited set: 64-bit state hashes in an open-addressing table, mapping each to the state's
 * discovery index; parent index and choice per state are kept in growable typed arrays so
 * counterexamples can be rebuilt without storing states. A slot is three adjacent words (hash
 * high, hash low, index + 1; 0 = empty), so a probe touches one cache line. About 34–62 bytes per
 * state, by where the table is between two doublings (bench/explore.bench.ts).
 */
export class VisitedSet {
  private table: Int32Array;
  private mask: number;
  size = 0;
  parent = new Int32Array(1024);
  choice = new Int32Array(1024);

  constructor(capacityLog2 = 16) {
    const cap = 1 << capacityLog2;
    this.table = new Int32Array(cap * 3);
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
      const at = 3 * i;
      if (t[at + 2] === 0) break;
      if (t[at] === hi && t[at + 1] === lo) return -1;
      i = (i + 1) & this.mask;
    }
    const index = this.size++;
    const at = 3 * i;
    t[at] = hi;
    t[at + 1] = lo;
    t[at + 2] = index + 1;
    if (index >= this.parent.length) {
      const p = new Int32Array(this.parent.length * 2);
      p.set(this.parent);
      this.parent = p;
      const c = new Int32Array(this.choice.length * 2);
      c.set(this.choice);
      this.choice = c;
    }
    this.parent[index] = parent;
    this.choice[index] = choice;
    return index;
  }

  /** The discovery index of a hash, or -1 when it was never added. */
  find(h: number, l: number): number {
    const t = this.table;
    let i = VisitedSet.slot(h, l, this.mask);
    for (;;) {
      const at = 3 * i;
      if (t[at + 2] === 0) return -1;
      if (t[at] === (h | 0) && t[at + 1] === (l | 0)) return t[at + 2]! - 1;
      i = (i + 1) & this.mask;
    }
  }

  /** Bytes held (table at its load factor plus parent and choice links). */
  bytes(): number {
    return this.table.byteLength + this.parent.length * 8;
  }

  /** Bytes held per visited state (table at its load factor plus parent and choice). */
  bytesPerState(): number {
    return this.size ? this.bytes() / this.size : 0;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    const t = new Int32Array(cap * 3);
    this.mask = cap - 1;
    for (let k = 0; k < old.length; k += 3) {
      if (old[k + 2] === 0) continue;
      let i = VisitedSet.slot(old[k]!, old[k + 1]!, this.mask);
      while (t[3 * i + 2] !== 0) i = (i + 1) & this.mask;
      t[3 * i] = old[k]!;
      t[3 * i + 1] = old[k + 1]!;
      t[3 * i + 2] = old[k + 2]!;
    }
    this.table = t;
  }
}
