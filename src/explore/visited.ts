/**
 * The visited set: 64-bit state hashes in an open-addressing table of typed arrays, mapping each
 * to the state's discovery index; parent index and choice per state are kept in growable typed
 * arrays so counterexamples can be rebuilt without storing states. About 34–37 bytes per state
 * (bench/explore.bench.ts).
 */
export class VisitedSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private idx: Int32Array;
  private mask: number;
  size = 0;
  parent = new Int32Array(1024);
  choice = new Int32Array(1024);

  constructor(capacityLog2 = 16) {
    const cap = 1 << capacityLog2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.idx = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** Inserts a hash; returns the new state's index, or -1 if it was already there. */
  add(h: number, l: number, parent: number, choice: number): number {
    if ((this.size + 1) * 2 > this.idx.length) this.grow();
    let i = (l ^ Math.imul(h, 0x9e3779b1)) & this.mask;
    for (;;) {
      const at = this.idx[i]!;
      if (at < 0) break;
      if (this.hi[i] === h && this.lo[i] === l) return -1;
      i = (i + 1) & this.mask;
    }
    const index = this.size++;
    this.hi[i] = h;
    this.lo[i] = l;
    this.idx[i] = index;
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
    let i = (l ^ Math.imul(h, 0x9e3779b1)) & this.mask;
    for (;;) {
      const at = this.idx[i]!;
      if (at < 0) return -1;
      if (this.hi[i] === h && this.lo[i] === l) return at;
      i = (i + 1) & this.mask;
    }
  }

  /** Bytes held (table at its load factor plus parent and choice links). */
  bytes(): number {
    return this.idx.length * 12 + this.parent.length * 8;
  }

  /** Bytes held per visited state (table at its load factor plus parent and choice). */
  bytesPerState(): number {
    return this.size ? this.bytes() / this.size : 0;
  }

  private grow(): void {
    const { hi, lo, idx } = this;
    const cap = idx.length * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.idx = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let k = 0; k < idx.length; k++) {
      if (idx[k]! < 0) continue;
      let i = (lo[k]! ^ Math.imul(hi[k]!, 0x9e3779b1)) & this.mask;
      while (this.idx[i]! >= 0) i = (i + 1) & this.mask;
      this.hi[i] = hi[k]!;
      this.lo[i] = lo[k]!;
      this.idx[i] = idx[k]!;
    }
  }
}
