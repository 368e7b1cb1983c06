/**
 * One BFS level of the explorer: the state vectors (vector.ts) waiting to be expanded, one after
 * the other in one growable Int32 buffer, each as [discovery index, word count, words…]. Read in
 * the order they were written; the garbage collector has nothing to trace here.
 */
export class Frontier {
  data = new Int32Array(1 << 12);
  /** Words written. */
  len = 0;
  /** Entries written. */
  count = 0;

  reset(): void {
    this.len = 0;
    this.count = 0;
  }

  /** Bytes the level holds (capacity). */
  bytes(): number {
    return this.data.byteLength;
  }

  /** Appends the vector `words[0 … n)` of the state with discovery index `index`. */
  push(index: number, words: Int32Array, n: number): void {
    if (this.len + n + 2 > this.data.length) {
      const d = new Int32Array(Math.max(this.data.length * 2, this.len + n + 2));
      d.set(this.data.subarray(0, this.len));
      this.data = d;
    }
    const d = this.data;
    d[this.len] = index;
    d[this.len + 1] = n;
    const at = this.len + 2;
    for (let i = 0; i < n; i++) d[at + i] = words[i]!;
    this.len = at + n;
    this.count++;
  }
}
